// The import pipeline shared by every domain that takes a CSV or XLSX file: read, template, stage, confirm.
export * from './read.ts';
export * from './staging.ts';
export * from './template.ts';
export { importBatches } from './tables.ts';
