import { text, type LocalizedText } from '../../engine/text.ts';

/** A problem in an imported CSV, for the studio to mark the cell. */
export interface CsvError {
  line: number; // 1-based line where the record starts (the header is line 1)
  column: number; // 1-based field number; 0 when the whole record is concerned
  message: LocalizedText;
}

/** One CSV record and the line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Quotes a field when RFC 4180 requires it (comma, quote, line break) or when spaces at its ends must survive. */
export function quote(field: string): string {
  return /[",\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** RFC 4180 records with the line each starts on; tolerates LF line ends and a leading BOM. */
export function parseCsv(csv: string): { records: CsvRecord[]; error?: CsvError } {
  const source = csv.startsWith('\uFEFF') ? csv.slice(1) : csv;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    if (char === '"' && field === '') {
      const opened = line;
      i++;
      for (;;) {
        if (i >= source.length) return { records, error: { line: opened, column: fields.length + 1, message: text('引号没有闭合', 'A quoted field is not closed') } };
        if (source[i] === '"') {
          if (source[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (source[i] === '\n') line++;
        field += source[i++];
      }
      if (i < source.length && !/[,\r\n]/.test(source[i]))
        return { records, error: { line, column: fields.length + 1, message: text('引号后面只能是逗号或换行', 'A closing quote must be followed by a comma or a line end') } };
      continue;
    }
    if (char === ',') {
      fields.push(field);
      field = '';
      i++;
      continue;
    }
    if (char === '\r' || char === '\n') {
      fields.push(field);
      records.push({ line: start, fields });
      fields = [];
      field = '';
      i += char === '\r' && source[i + 1] === '\n' ? 2 : 1;
      start = ++line;
      continue;
    }
    field += char;
    i++;
  }
  if (field !== '' || fields.length) {
    fields.push(field);
    records.push({ line: start, fields });
  }
  return { records: records.filter((record) => record.fields.some((value) => value !== '')) };
}
