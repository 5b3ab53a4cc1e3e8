-- 002: what the dashboard filters and compares on, as typed columns.
--
-- documents.year: the year a document is about, for the salary benchmark's year filter. It is
--   the latest year (1900-2099, a whole number on its own) that the repaired text mentions and
--   that is not after the year the warehouse first saw the document ('text'), else the year it
--   was first seen ('ingested'). Future years in the text (a plan "to 2030") are not the
--   document's year. `rows.document_year` computes the same for new documents; the backfill
--   below applies it to documents stored before this migration.
-- facts.comparator_area / comparator_percent: a poverty rate's comparator (the contract's
--   `comparator`), so child poverty can be shown beside the England figure without JSON.

ALTER TABLE documents ADD COLUMN year INTEGER;
ALTER TABLE documents ADD COLUMN year_source VARCHAR;

UPDATE documents SET year = coalesce(
    list_max(list_filter(
        list_transform(regexp_extract_all(text, '\b((?:19|20)[0-9]{2})\b', 1), lambda y: y::INTEGER),
        lambda y: y <= year(first_seen)
    )),
    year(first_seen)
);
UPDATE documents SET year_source = CASE
    WHEN year IS NOT NULL AND list_contains(
        list_transform(regexp_extract_all(text, '\b((?:19|20)[0-9]{2})\b', 1), lambda y: y::INTEGER), year
    ) THEN 'text'
    ELSE 'ingested'
END;

ALTER TABLE facts ADD COLUMN comparator_area VARCHAR;
ALTER TABLE facts ADD COLUMN comparator_percent DOUBLE;

-- Typed columns take only values of the right type, as in `rows`.
UPDATE facts SET
    comparator_area = CASE WHEN json_type(fields, '$.comparator.area') = 'VARCHAR'
                           THEN fields ->> '$.comparator.area' END,
    comparator_percent = CASE WHEN json_type(fields, '$.comparator.percent') IN ('DOUBLE', 'BIGINT', 'UBIGINT')
                              THEN (fields ->> '$.comparator.percent')::DOUBLE END
WHERE kind = 'poverty_rate';
