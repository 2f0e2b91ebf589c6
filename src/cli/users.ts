// Staff user commands: user:create, user:list, user:set-role, user:reset-password. They act as the
// system actor (whoever runs the CLI on the server already controls the data) and are audited.
import { t } from '../platform/i18n/index.ts';
import { SYSTEM_ACTOR } from '../platform/authz/index.ts';
import type { FieldErrors } from '../platform/result.ts';
import {
  changeUserRole,
  createUser,
  getUserByEmail,
  newUserSchema,
  listUsers,
  setUserPassword,
  STAFF_ROLES,
  type StaffRole,
} from '../domains/accounts/index.ts';
import { guarded, parseOptions, UsageError, withRuntime, type CliCommand } from './support.ts';

const roleList = STAFF_ROLES.join(', ');
const CLI_ACTOR = { ...SYSTEM_ACTOR, label: 'cli' };

function requireOption(v: string | undefined, name: string): string {
  if (!v) throw new UsageError(`Missing --${name}.`);
  return v;
}

function parseRole(v: string | undefined): StaffRole {
  const role = requireOption(v, 'role');
  if (!(STAFF_ROLES as readonly string[]).includes(role)) throw new UsageError(`Unknown role "${role}": use one of ${roleList}.`);
  return role as StaffRole;
}

function printFieldErrors(fields: FieldErrors): void {
  for (const [field, key] of Object.entries(fields)) console.error(`  --${field}: ${t('en', key)}`);
}

const createUsage = `Usage: npx approdo user:create --email <address> --role <${STAFF_ROLES.join('|')}> [--name "<full name>"] [--password <password>] [--locale it|en]

Without --password a strong password is generated and printed once.`;

export const userCreate: CliCommand = {
  summary: 'Create a staff user (prints a generated password once)',
  usage: createUsage,
  run: (argv) =>
    guarded(createUsage, async () => {
      const o = parseOptions(argv, {
        email: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        password: { type: 'string' },
        locale: { type: 'string' },
      });
      const email = requireOption(o.email, 'email');
      const role = parseRole(o.role);
      if (o.locale && o.locale !== 'it' && o.locale !== 'en') throw new UsageError('--locale must be it or en.');
      const input = { name: o.name?.trim() || email.split('@')[0], email, role, password: o.password, locale: o.locale };
      // Bad input is reported before booting: no database is opened for a typo.
      const checked = newUserSchema.safeParse(input);
      if (!checked.success) {
        console.error('Cannot create the user:');
        printFieldErrors(Object.fromEntries(checked.error.issues.map((i) => [String(i.path[0]), i.message.includes('.') ? i.message : 'common.forms.invalid_choice'])));
        return 1;
      }
      return withRuntime(async (rt) => {
        const r = await createUser(rt.deps, CLI_ACTOR, input);
        if (!r.ok) {
          if (r.error.code === 'invalid') {
            console.error(`Cannot create the user:`);
            printFieldErrors(r.error.fields);
          } else console.error(`Cannot create the user: ${r.error.code}`);
          return 1;
        }
        const { user, generatedPassword } = r.value;
        console.log(`Created ${user.role} ${user.email} (${user.name}).`);
        if (generatedPassword) console.log(`Password: ${generatedPassword}\nIt is shown only now: give it to the user securely.`);
        return 0;
      });
    }),
};

const listUsage = 'Usage: npx approdo user:list';

export const userList: CliCommand = {
  summary: 'List staff users with role and status',
  usage: listUsage,
  run: (argv) =>
    guarded(listUsage, async () => {
      parseOptions(argv, {});
      return withRuntime(async (rt) => {
        const r = await listUsers(rt.deps, CLI_ACTOR);
        if (!r.ok) return 1;
        if (!r.value.length) console.log('No users yet: create one with `npx approdo user:create --email … --role admin`.');
        for (const u of r.value) console.log([u.email, u.role, u.disabled ? 'disabled' : 'active', u.name].join('\t'));
        return 0;
      });
    }),
};

const setRoleUsage = `Usage: npx approdo user:set-role --email <address> --role <${STAFF_ROLES.join('|')}>`;

export const userSetRole: CliCommand = {
  summary: "Change a staff user's role",
  usage: setRoleUsage,
  run: (argv) =>
    guarded(setRoleUsage, async () => {
      const o = parseOptions(argv, { email: { type: 'string' }, role: { type: 'string' } });
      const email = requireOption(o.email, 'email');
      const role = parseRole(o.role);
      return withRuntime(async (rt) => {
        const u = await getUserByEmail(rt.deps, CLI_ACTOR, email);
        if (!u.ok) {
          console.error(`No user with email ${email}.`);
          return 1;
        }
        const r = await changeUserRole(rt.deps, CLI_ACTOR, u.value.id, role);
        if (!r.ok) {
          console.error(r.error.code === 'invalid_state' ? t('en', r.error.message) : `Cannot change the role: ${r.error.code}`);
          return 1;
        }
        console.log(`${u.value.email} is now ${role}.`);
        return 0;
      });
    }),
};

const resetUsage = `Usage: npx approdo user:reset-password --email <address> [--password <password>]

Sets a new password (generated and printed once unless given) and signs the user out everywhere.`;

export const userResetPassword: CliCommand = {
  summary: "Set a new password for a staff user (generated unless given)",
  usage: resetUsage,
  run: (argv) =>
    guarded(resetUsage, async () => {
      const o = parseOptions(argv, { email: { type: 'string' }, password: { type: 'string' } });
      const email = requireOption(o.email, 'email');
      return withRuntime(async (rt) => {
        const u = await getUserByEmail(rt.deps, CLI_ACTOR, email);
        if (!u.ok) {
          console.error(`No user with email ${email}.`);
          return 1;
        }
        const r = await setUserPassword(rt.deps, CLI_ACTOR, u.value.id, o.password);
        if (!r.ok) {
          if (r.error.code === 'invalid') printFieldErrors(r.error.fields);
          else console.error(`Cannot set the password: ${r.error.code}`);
          return 1;
        }
        console.log(`New password set for ${u.value.email}; their sessions have ended.`);
        if (r.value.generatedPassword) console.log(`Password: ${r.value.generatedPassword}\nIt is shown only now: give it to the user securely.`);
        return 0;
      });
    }),
};
