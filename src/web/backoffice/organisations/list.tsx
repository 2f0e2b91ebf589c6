// The organisations (/admin/enti): the host first, then by name, a page at a time.
import type { Ctx } from '../../context.ts';
import { can } from '../../../platform/authz/index.ts';
import { organisationRules, organisationsPage, type OrganisationListItem } from '../../../domains/organisations/index.ts';
import { defineList } from '../../kit/list.tsx';
import type { Column } from '../../kit/table.tsx';

/** The flashes of the list and of an organisation's page (`?esito=`). */
export const ORGANISATION_FLASH = ['created', 'updated'] as const;

/** What the organisation is on the platform, in words ("datore di lavoro, partner"). */
export function roleLabels(c: Ctx, o: Pick<OrganisationListItem, 'isEmployer' | 'isPartner' | 'isHost' | 'isDemo'>): string {
  const { t } = c.var;
  const roles = [
    o.isHost ? t('organisations.roles.host') : null,
    o.isEmployer ? t('organisations.roles.employer') : null,
    o.isPartner ? t('organisations.roles.partner') : null,
    o.isDemo ? t('organisations.roles.demo') : null,
  ].filter(Boolean);
  return roles.length ? roles.join(', ') : t('organisations.roles.none');
}

const columns = (c: Ctx): Column<OrganisationListItem>[] => {
  const { t, lp } = c.var;
  return [
    { header: t('organisations.fields.name'), rowHeader: true, value: (o) => o.name, cell: (o) => <a href={lp(`/admin/enti/${o.id}`)}>{o.name}</a> },
    { header: t('organisations.fields.kind'), value: (o) => t(`organisations.kinds.${o.kind}`) },
    { header: t('organisations.fields.roles'), value: (o) => roleLabels(c, o) },
    { header: t('organisations.fields.comune'), value: (o) => o.comuneLabel ?? '' },
  ];
};

export const organisationList = defineList({
  path: '/admin/enti',
  title: 'organisations.title',
  intro: 'organisations.intro',
  query: {},
  load: (c, q) => organisationsPage(c.var.deps.db, c.var.actor, { page: q.page }),
  // Admins manage; the others are told they may only read.
  actions: (c) =>
    can(c.var.actor, organisationRules.manage) ? (
      <p>
        <a class="btn btn-primary" href={c.var.lp('/admin/enti/nuovo')}>
          {c.var.t('organisations.new')}
        </a>
      </p>
    ) : (
      <p>{c.var.t('organisations.view_only')}</p>
    ),
  columns,
  caption: 'organisations.caption',
  empty: 'organisations.none',
  flash: { prefix: 'organisations.flash', known: ORGANISATION_FLASH },
});
