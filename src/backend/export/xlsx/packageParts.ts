/**
 * The fixed parts of a minimal SpreadsheetML package (ECMA-376): content types, relationships,
 * the workbook with its sheet list and autofilter names, and the document properties. The
 * worksheets themselves are streamed by sheetXml.ts.
 */
import { columnLetters, XML_HEADER, xmlText } from './xml';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface SheetEntry {
  name: string;
  /** 1-based part number: xl/worksheets/sheet{n}.xml */
  part: number;
  /** The autofilter's range when the sheet has one: columns and last row (header is row 1). */
  filter: { columns: number; lastRow: number } | null;
}

export const sheetPath = (part: number): string => `xl/worksheets/sheet${part}.xml`;

export function contentTypesXml(sheets: readonly SheetEntry[]): string {
  return (
    XML_HEADER +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets
      .map(
        (s) =>
          `<Override PartName="/${sheetPath(s.part)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join('') +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    '</Types>'
  );
}

export const ROOT_RELS_XML =
  XML_HEADER +
  `<Relationships xmlns="${PKG_REL}">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
  '</Relationships>';

/** A sheet name inside a formula reference: quoted, with quotes doubled. */
const quotedName = (name: string): string => `'${name.replaceAll("'", "''")}'`;

export function workbookXml(sheets: readonly SheetEntry[]): string {
  // Excel keeps an autofilter's range in this hidden name; without it Excel still opens the file
  // but drops the filter buttons on some versions.
  const names = sheets
    .map((s, index) =>
      s.filter
        ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${index}" hidden="1">` +
          `${xmlText(quotedName(s.name))}!$A$1:$${columnLetters(s.filter.columns - 1)}$${s.filter.lastRow}</definedName>`
        : '',
    )
    .join('');
  return (
    XML_HEADER +
    `<workbook xmlns="${MAIN}" xmlns:r="${REL}">` +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    '<sheets>' +
    sheets
      .map((s, index) => `<sheet name="${xmlText(s.name)}" sheetId="${index + 1}" r:id="rId${s.part}"/>`)
      .join('') +
    '</sheets>' +
    (names ? `<definedNames>${names}</definedNames>` : '') +
    '</workbook>'
  );
}

export function workbookRelsXml(sheets: readonly SheetEntry[]): string {
  const styles = sheets.length + 1;
  return (
    XML_HEADER +
    `<Relationships xmlns="${PKG_REL}">` +
    sheets
      .map(
        (s) =>
          `<Relationship Id="rId${s.part}" Type="${REL}/worksheet" Target="worksheets/sheet${s.part}.xml"/>`,
      )
      .join('') +
    `<Relationship Id="rId${styles}" Type="${REL}/styles" Target="styles.xml"/>` +
    '</Relationships>'
  );
}

export function appXml(sheets: readonly SheetEntry[]): string {
  return (
    XML_HEADER +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ' +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<Application>Copernica Clicks</Application>' +
    '<HeadingPairs><vt:vector size="2" baseType="variant">' +
    `<vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant>` +
    '</vt:vector></HeadingPairs>' +
    `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">` +
    sheets.map((s) => `<vt:lpstr>${xmlText(s.name)}</vt:lpstr>`).join('') +
    '</vt:vector></TitlesOfParts>' +
    '</Properties>'
  );
}

export function coreXml(title: string, created: Date): string {
  const when = `${created.toISOString().slice(0, 19)}Z`;
  return (
    XML_HEADER +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(title)}</dc:title>` +
    '<dc:creator>Copernica Clicks</dc:creator>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}
