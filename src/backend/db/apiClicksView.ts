/**
 * `api_clicks`: a SQL view of every cached click with the twelve fields exactly as Copernica's
 * API sent them (the names, the timestamp text, the link and texts joined back in), beside the
 * account and the emailing's Copernica ID, for people who query the cache with sqlite3 or a
 * notebook. The tables underneath are normalised for size and speed (links and long texts stored
 * once, times as numbers, an internal emailing key); the view is the stable way in.
 */
export const API_CLICKS_VIEW_SQL = `
  CREATE VIEW api_clicks AS
  SELECT a.id        AS account_id,
         a.label     AS account,
         -- 'publisher' or 'ms': the two products number their emailings apart.
         e.product   AS product,
         e.remote_id AS copernica_emailing_id,
         c.id        AS ID,
         l.link_id   AS link_id,
         l.url       AS link,
         l.title     AS link_title,
         -- The text as sent: kept when it was not YYYY-MM-DD HH:MM:SS, else the wall-clock seconds
         -- formatted back (they are that text read as UTC).
         COALESCE(c.ts_raw, strftime('%Y-%m-%d %H:%M:%S', c.ts_local, 'unixepoch')) AS timestamp,
         c.ip        AS ip,
         ua.value    AS useragent,
         rf.value    AS referer,
         c.emailing  AS emailing,
         c.destination AS destination,
         c.profile   AS profile,
         c.subprofile AS subprofile
    FROM clicks c
    JOIN emailings e ON e.id = c.emailing_id
    JOIN accounts a ON a.id = e.account_id
    LEFT JOIN links l ON l.id = c.link
    LEFT JOIN texts ua ON ua.id = c.user_agent
    LEFT JOIN texts rf ON rf.id = c.referer
`;
