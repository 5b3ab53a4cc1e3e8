-- 001: the first warehouse schema.
--
-- Timestamps are naive UTC. Typed fact columns are a filtering convenience for the dashboard;
-- `facts.fields` (JSON) holds the fact exactly as the facts contract gives it and is the truth.

CREATE TABLE documents (
    -- Content hash of the file bytes. A file that could not even be hashed (missing, unreadable)
    -- is keyed 'path:' || sha256(source) so that repeated failures stay one row.
    sha256            VARCHAR PRIMARY KEY,
    source            VARCHAR NOT NULL,
    media_type        VARCHAR,
    pages             INTEGER,
    doc_type          VARCHAR,
    raw_text          VARCHAR,
    text              VARCHAR,
    page_starts       JSON,
    repair_log        JSON,
    status            VARCHAR NOT NULL CHECK (status IN ('ok', 'error')),
    error_code        VARCHAR,
    error_message     VARCHAR,
    extractor_version VARCHAR,
    run_id            VARCHAR,            -- the run that last wrote this row
    first_seen        TIMESTAMP NOT NULL,
    updated           TIMESTAMP NOT NULL
);

CREATE TABLE facts (
    fact_id           VARCHAR PRIMARY KEY,  -- hash of (sha256, kind, evidence span, canonical fields)
    sha256            VARCHAR NOT NULL REFERENCES documents (sha256),
    kind              VARCHAR NOT NULL,
    min_gbp           DOUBLE,
    max_gbp           DOUBLE,
    period            VARCHAR,
    role              VARCHAR,              -- `role` of salary/person facts, `post` of shared_post facts
    role_category     VARCHAR,
    value             BIGINT,
    qualifier         VARCHAR,
    grp               VARCHAR,              -- the contract's `group`
    percent           DOUBLE,
    status            VARCHAR,
    name              VARCHAR,
    evidence_text     VARCHAR NOT NULL,
    page              INTEGER NOT NULL,
    start_offset      INTEGER NOT NULL,
    end_offset        INTEGER NOT NULL,
    confidence        DOUBLE NOT NULL,
    fields            JSON NOT NULL
);

-- No foreign key to facts: DuckDB cannot delete a referenced row and insert it again in one
-- transaction, which is exactly what re-extraction does when a fact comes out the same.
CREATE TABLE fact_authorities (
    fact_id           VARCHAR NOT NULL,
    gss               VARCHAR NOT NULL,
    role              VARCHAR NOT NULL,     -- 'employer', 'subject' or 'partner'
    PRIMARY KEY (fact_id, gss, role)
);

CREATE TABLE document_authorities (
    sha256            VARCHAR NOT NULL REFERENCES documents (sha256),
    gss               VARCHAR NOT NULL,
    PRIMARY KEY (sha256, gss)
);

-- The gazetteer as a dimension, refreshed whenever the shipped gazetteer changes.
CREATE TABLE authorities (
    gss               VARCHAR PRIMARY KEY,
    code              VARCHAR,
    name              VARCHAR NOT NULL,
    nice_name         VARCHAR,
    type              VARCHAR,
    type_name         VARCHAR,
    region            VARCHAR,
    nation            VARCHAR,
    population_2020   BIGINT,
    "current"         BOOLEAN NOT NULL,
    replaced_by_gss   VARCHAR
);

CREATE TABLE ingest_runs (
    run_id            VARCHAR PRIMARY KEY,
    started           TIMESTAMP NOT NULL,
    finished          TIMESTAMP,
    extractor_version VARCHAR NOT NULL,
    n_new             INTEGER,
    n_unchanged       INTEGER,
    n_reextracted     INTEGER,
    n_failed          INTEGER
);
