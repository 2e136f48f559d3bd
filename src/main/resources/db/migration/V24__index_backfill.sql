-- store/: resource types whose stored resources lack the index rows of search parameters added after they were
-- stored (US Core's, in this version). The store numbers a new parameter and schedules its type here in one
-- transaction, and at start-up indexes the type's resources again and deletes the row (IndexBackfill), so an
-- instance stopped half-way leaves the row for the next start.
create table index_backfill (
    res_type      varchar(40) ${c_collate} not null primary key,
    scheduled_at  timestamp with time zone not null
);
