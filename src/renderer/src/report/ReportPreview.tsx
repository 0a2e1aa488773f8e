/**
 * The first page of a report before it is saved: the same facts, lines, figures and footnotes
 * the file's first page prints (the backend builds both from one source), laid out as a page.
 */
import type { ReportPreview as Preview } from '../../../shared/schemas/report';

export function ReportPreview({ preview }: { preview: Preview }) {
  return (
    <article className="report-preview" aria-label="Preview of the first page">
      <h3 className="report-preview-title">{preview.title}</h3>
      <dl className="report-preview-facts">
        {preview.facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {preview.lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {preview.tables.map((table, t) => (
        <table key={t} className="report-preview-table">
          <thead>
            <tr>
              {table.columns.map((column, c) => (
                <th key={c} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) =>
                  c === 0 ? (
                    <th key={c} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={c}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <ol className="report-preview-notes">
        {preview.notes.map((note) => (
          <li key={note}>{note.replace(/^\d+\.\s*/, '')}</li>
        ))}
      </ol>
    </article>
  );
}
