/**
 * The one styles part every workbook shares: a normal and a bold font, and the cell formats the
 * writer refers to by index (the `s` attribute of a cell).
 */
import { XML_HEADER } from './xml';

export const CELL_STYLE = {
  normal: 0,
  bold: 1,
  /** yyyy-mm-dd hh:mm:ss, the wall clock exactly as the app shows it. */
  dateTime: 2,
  /** #,##0 */
  count: 3,
  /** 0.0% */
  share: 4,
} as const;

const DATE_TIME_FORMAT = 164;
const SHARE_FORMAT = 165;

export const STYLES_XML =
  XML_HEADER +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="2">' +
  `<numFmt numFmtId="${DATE_TIME_FORMAT}" formatCode="yyyy-mm-dd hh:mm:ss"/>` +
  `<numFmt numFmtId="${SHARE_FORMAT}" formatCode="0.0%"/>` +
  '</numFmts>' +
  '<fonts count="2">' +
  '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '</fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  `<xf numFmtId="${DATE_TIME_FORMAT}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  `<xf numFmtId="${SHARE_FORMAT}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';
