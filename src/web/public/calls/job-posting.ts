// schema.org JobPosting for an open call (Google for Jobs and other aggregators read it), and the
// deadline as an iCalendar event.
import ical, { ICalAlarmType } from 'ical-generator';
import type { CallDetail } from '../../../domains/calls/index.ts';
import { markdownToText } from '../../../platform/markdown.ts';

type Call = CallDetail['call'];

/** schema.org employmentType values from our contract fields. */
export function employmentType(term: Call['contractTerm'], hours: Call['contractHours']): string | string[] {
  const time = hours === 'part_time' ? 'PART_TIME' : 'FULL_TIME';
  switch (term) {
    case 'indeterminato':
      return time;
    case 'determinato':
      return ['TEMPORARY', time];
    case 'libero_professionale':
    case 'convenzione':
      // Freelance assignments and NHS agreements (GPs, out-of-hours doctors) are self-employed work.
      return 'CONTRACTOR';
    case 'borsa':
      return 'OTHER';
  }
}

const webUrl = (v: string | null | undefined) => {
  if (!v) return undefined;
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
};

export function jobPosting(d: CallDetail, url: string) {
  const c = d.call;
  const description = markdownToText([c.descriptionMd, c.requirementsMd].filter((s) => s.trim()).join('\n\n')) || c.title;
  const website = webUrl(d.employer.website);
  const places = d.workplaces.map((w) => ({
    '@type': 'Place',
    address: { '@type': 'PostalAddress', addressLocality: w.name, addressRegion: w.province, addressCountry: 'IT' },
  }));
  return {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: c.title,
    description,
    url,
    datePosted: c.publishAt?.toISOString(),
    validThrough: c.deadline?.toISOString(),
    employmentType: employmentType(c.contractTerm, c.contractHours),
    hiringOrganization: { '@type': 'Organization', name: d.employer.name, ...(website ? { sameAs: website, url: website } : {}) },
    ...(places.length ? { jobLocation: places.length === 1 ? places[0] : places } : {}),
    identifier: { '@type': 'PropertyValue', name: d.employer.name, value: c.officialRef || c.slug },
    occupationalCategory: d.professionName,
    directApply: false,
    totalJobOpenings: c.posts,
  };
}

/**
 * The deadline as a one-hour event ending at the deadline, with a reminder the day before.
 * Times are written in UTC (…Z): exact in every calendar, and it avoids ical-generator's trap of
 * shifting native Dates by an hour when given a TZID without a VTIMEZONE generator.
 */
export function deadlineCalendar(opts: {
  uid: string;
  title: string;
  summary: string;
  description: string;
  url: string;
  deadline: Date;
  stamp: Date;
}): string {
  const cal = ical({ name: opts.summary, prodId: { company: 'Approdo', product: 'Approdo', language: 'IT' } });
  cal.createEvent({
    id: opts.uid,
    start: new Date(opts.deadline.getTime() - 3_600_000),
    end: opts.deadline,
    stamp: opts.stamp,
    summary: opts.summary,
    description: opts.description,
    url: opts.url,
    alarms: [{ type: ICalAlarmType.display, trigger: 86_400 }],
  });
  return cal.toString();
}
