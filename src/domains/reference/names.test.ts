// Name helpers: AGENAS ALL CAPS to readable Italian, accent repair, matching keys and slugs.
import { describe, expect, it } from 'vitest';
import { matchKey, repairAccents, sentenceCase, slugify } from './names.ts';

describe('sentenceCase', () => {
  it('turns ALL CAPS labels into readable Italian, repairing apostrophe accents', () => {
    expect(sentenceCase("MEDICINA D'EMERGENZA-URGENZA")).toBe("Medicina d'emergenza-urgenza");
    expect(sentenceCase("IGIENE, EPIDEMIOLOGIA E SANITA' PUBBLICA")).toBe('Igiene, epidemiologia e sanità pubblica');
    expect(sentenceCase("TERAPISTA DELLA NEURO E PSICOMOTRICITA' DELL'ETA' EVOLUTIVA")).toBe("Terapista della neuro e psicomotricità dell'età evolutiva");
    expect(sentenceCase('FARMACISTA PUBBLICO DEL SSN')).toBe('Farmacista pubblico del SSN');
    expect(sentenceCase('ISCRITTO NELL\'ELENCO SPECIALE AD ESAURIMENTO EX ART.5 D.M. 09.08.2019')).toBe("Iscritto nell'elenco speciale ad esaurimento ex art.5 D.M. 09.08.2019");
  });
});

describe('repairAccents', () => {
  it('restores accents the compiled files dropped, keeping the case', () => {
    expect(repairAccents('Medicina di comunita e delle cure primarie')).toBe('Medicina di comunità e delle cure primarie');
    expect(repairAccents("Medicina clinica dell'eta evolutiva")).toBe("Medicina clinica dell'età evolutiva");
    expect(repairAccents('Sanita pubblica')).toBe('Sanità pubblica');
    expect(repairAccents('Cardiologia')).toBe('Cardiologia');
  });
});

describe('matchKey', () => {
  it('ignores case, accents, punctuation and ed/e', () => {
    expect(matchKey('GINECOLOGIA E OSTETRICIA')).toBe(matchKey('Ginecologia ed ostetricia'));
    expect(matchKey("MEDICINA DI COMUNITA' E DELLE CURE PRIMARIE")).toBe(matchKey('Medicina di comunità e delle cure primarie'));
    expect(matchKey('Cardiologia')).not.toBe(matchKey("Malattie dell'apparato cardiovascolare"));
  });
});

describe('slugify', () => {
  it('keeps lowercase letters, digits and single hyphens', () => {
    expect(slugify("Medicina d'emergenza-urgenza")).toBe('medicina-d-emergenza-urgenza');
    expect(slugify('  Chirurgia plastica, ricostruttiva ed estetica ')).toBe('chirurgia-plastica-ricostruttiva-ed-estetica');
    expect(slugify('Città di Torino — 2026')).toBe('citta-di-torino-2026');
    expect(slugify('!!!')).toBe('');
  });
});
