// Pieces the reference pages share: an edge's legal source (a link only when it is https), its note,
// a discipline picker grouped by profession, and the fields every edge change carries.
import type { Ctx } from '../../context.ts';
import { SelectField, TextArea, TextField, type FormState } from '../../kit/form.tsx';
import { RELATION_KINDS, type DisciplineGroup, type Specialisation } from '../../../domains/reference/index.ts';

export function SourceText({ source, url }: { source: string; url: string | null }) {
  // Only https links are rendered: the shipped file has an http Gazzetta address, shown as text.
  return url && url.startsWith('https://') ? (
    <a href={url} rel="noopener noreferrer">
      {source}
    </a>
  ) : (
    <>{source}</>
  );
}

export function Note({ c, note }: { c: Ctx; note: string | null }) {
  if (!note) return null;
  return (
    <details class="mt-1">
      <summary>{c.var.t('reference.graph.note')}</summary>
      <p class="small mb-0">{note}</p>
    </details>
  );
}

/** An edge's source with its note underneath, as the tables show it. */
export const SourceCell = ({ c, e }: { c: Ctx; e: { source: string; sourceUrl: string | null; note: string | null } }) => (
  <>
    <SourceText source={e.source} url={e.sourceUrl} />
    <Note c={c} note={e.note} />
  </>
);

/** A discipline picker grouped by profession. */
export function DisciplineSelect({ c, s, name, label, groups, required, hint }: { c: Ctx; s: FormState; name: string; label: string; groups: DisciplineGroup[]; required?: boolean; hint?: string }) {
  const { t, locale } = c.var;
  const optionGroups = groups.map((g) => ({
    label: locale === 'en' && g.profession.nameEn ? g.profession.nameEn : g.profession.name,
    options: g.disciplines.map((d) => ({ value: String(d.code), label: d.name })),
  }));
  return <SelectField s={s} name={name} label={label} options={[]} groups={optionGroups} empty={t('reference.graph.choose')} required={required} hint={hint} />;
}

export const specialisationOptions = (list: Specialisation[]) => list.map((sp) => ({ value: sp.code, label: sp.name }));

/** The labels of every edge form's fields (for the fields and for the error summary). */
export const edgeLabels = (c: Ctx) => ({
  disciplineCode: c.var.t('reference.edge.discipline'),
  specialisationCode: c.var.t('reference.edge.specialisation'),
  newSpecialisation: c.var.t('reference.edge.new_specialisation'),
  kind: c.var.t('reference.edge.kind'),
  source: c.var.t('reference.edge.source'),
  sourceUrl: c.var.t('reference.edge.source_url'),
  note: c.var.t('reference.edge.note'),
  deactivateSource: c.var.t('reference.edge.deactivate_source'),
  deactivateSourceUrl: c.var.t('reference.edge.source_url'),
  deactivateNote: c.var.t('reference.edge.note'),
});

/**
 * The relation's kind and the act it rests on, as adding and correcting an edge both ask; with
 * `deactivate`, the deactivation form's fields (no kind, names prefixed: it shares the page with the correction).
 */
export function EdgeSourceFields({ c, s, deactivate }: { c: Ctx; s: FormState; deactivate?: boolean }) {
  const { t } = c.var;
  const labels = edgeLabels(c);
  const names = deactivate ? ({ source: 'deactivateSource', sourceUrl: 'deactivateSourceUrl', note: 'deactivateNote' } as const) : ({ source: 'source', sourceUrl: 'sourceUrl', note: 'note' } as const);
  const name = (n: keyof typeof names) => names[n];
  return (
    <>
      {deactivate ? null : <SelectField s={s} name="kind" label={labels.kind} options={RELATION_KINDS.map((k) => ({ value: k, label: t(`reference.kinds.${k}`) }))} required empty={t('reference.graph.choose')} />}
      <TextField s={s} name={name('source')} label={labels[name('source')]} required maxLength={500} hint={deactivate ? undefined : t('reference.edge.source_hint')} />
      <TextField s={s} name={name('sourceUrl')} type="url" label={labels[name('sourceUrl')]} maxLength={2000} hint={t('reference.edge.source_url_hint')} />
      <TextArea s={s} name={name('note')} label={labels[name('note')]} maxLength={2000} rows={3} />
    </>
  );
}
