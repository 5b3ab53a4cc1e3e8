-- 003: where each document was published, so every figure can be shown beside its source.
--
-- documents.source_url, publisher, published (as the source gives it: YYYY, YYYY-MM or
--   YYYY-MM-DD), licence: from the `sources.csv` beside the documents (ingest/provenance.py);
--   null when none names the document.
-- documents.fictional: true for a document the project wrote itself (corpus/sources.csv marks
--   the example documents so). Its figures are labelled fictional wherever they are shown and
--   never enter the salary benchmark. Documents stored before this migration had no way to say
--   so and stay false until the next ingest of their folder records it.

ALTER TABLE documents ADD COLUMN source_url VARCHAR;
ALTER TABLE documents ADD COLUMN publisher VARCHAR;
ALTER TABLE documents ADD COLUMN published VARCHAR;
ALTER TABLE documents ADD COLUMN licence VARCHAR;
-- (DEFAULT without NOT NULL: DuckDB cannot add a NOT NULL column to a table that `facts` references.)
ALTER TABLE documents ADD COLUMN fictional BOOLEAN DEFAULT false;
