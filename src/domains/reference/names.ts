// Name helpers for reference data: readable Italian capitalisation, accent repair, matching keys, slugs.

const ACCENTED: Record<string, string> = { a: 'à', e: 'è', i: 'ì', o: 'ò', u: 'ù' };

// Compiled files write "comunita" and AGENAS writes "COMUNITA'": both mean the accented word.
const UNACCENTED_WORDS: Record<string, string> = {
  comunita: 'comunità',
  eta: 'età',
  sanita: 'sanità',
  specialita: 'specialità',
  psicomotricita: 'psicomotricità',
  continuita: 'continuità',
  attivita: 'attività',
  qualita: 'qualità',
  universita: 'università',
};

/** Repairs accents written as a trailing apostrophe ("SANITA'") or dropped ("sanita"). */
export function repairAccents(s: string): string {
  return s
    .replace(/([aeiouAEIOU])'(?=$|[\s,.;:)/-])/g, (_, v: string) => {
      const lower = ACCENTED[v.toLowerCase()]!;
      return v === v.toUpperCase() ? lower.toUpperCase() : lower;
    })
    .replace(/\p{L}+/gu, (w) => {
      const fixed = UNACCENTED_WORDS[w.toLowerCase()];
      if (!fixed) return w;
      return w[0] === w[0]!.toUpperCase() ? fixed[0]!.toUpperCase() + fixed.slice(1) : fixed;
    });
}

// Tokens that stay upper case when an ALL CAPS label is turned into sentence case.
const KEEP_UPPER = [/\bssn\b/g, /\bd\.m\./g, /\bdpr\b/g];

/** "MEDICINA D'EMERGENZA-URGENZA" → "Medicina d'emergenza-urgenza". */
export function sentenceCase(s: string): string {
  let out = repairAccents(s.trim().toLowerCase().replace(/\s+/g, ' '));
  for (const re of KEEP_UPPER) out = out.replace(re, (m) => m.toUpperCase());
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/**
 * The key two names are compared by: case, accents, punctuation and "ed"/"e" do not matter
 * ("GINECOLOGIA E OSTETRICIA" matches the school "Ginecologia ed ostetricia").
 */
export function matchKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bed\b/g, 'e')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A URL-safe code from a name: lowercase letters, digits and hyphens. */
export function slugify(s: string, max = 80): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
}
