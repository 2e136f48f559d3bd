-- store/: the secondary indexes a bulk load on PostgreSQL dropped and has not yet built again (IndexSuspension).
-- A row is written in the transaction that drops its index and deleted in the one that builds it, so an
-- instance stopped in mid-load leaves the definitions here for the next start. Unused on H2.
create table suspended_index (
    index_name    varchar(200)             not null primary key,
    table_name    varchar(200)             not null,
    definition    text                     not null,  -- pg_get_indexdef: CREATE INDEX ... ON ... USING ...
    suspended_at  timestamp with time zone not null
);
