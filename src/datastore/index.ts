/**
 * The tabular data engine: versioned data tables, ingest of CSV/TSV/XLSX/JSON uploads,
 * the records query API and streamed exports. Engine differences live in
 * src/db/datastore-*.ts behind `adapter.datastore`.
 */
export type {
  DataTable, ExportFormat, FieldProfile, FieldSpec, FieldType, IngestProgress, IngestRequest, IngestResult,
  RecordPage, RecordQuery, SourceEncoding, SourceFormat, TableField,
} from './types.js';
export { tableNameFor } from './naming.js';
export { ingestFile } from './ingest.js';
export { dropDataTable, listDataTables } from './tables.js';
export { queryRecords, COUNT_CAP, MAX_LIMIT } from './query.js';
export { exportTable } from './export.js';
export { sampleRows, type SampleChoice } from './sample.js';
export { csvCell, neutralizeFormula } from './csv-format.js';
