-- store/: what a bulk load on PostgreSQL dropped and has not yet put back (BulkLoadSuspension): secondary indexes
-- and foreign keys of the store's tables. A row is written in the transaction that drops its object and deleted in
-- the one that puts it back, so an instance stopped in mid-load leaves the definitions here for the next start.
-- Unused on H2.
create table bulk_load_suspension (
    object_name   varchar(200)             not null,
    table_name    varchar(200)             not null,
    kind          varchar(20)              not null,  -- INDEX or FOREIGN KEY
    definition    text                     not null,  -- pg_get_indexdef, or ALTER TABLE ... ADD CONSTRAINT ...
    suspended_at  timestamp with time zone not null,
    constraint pk_bulk_load_suspension primary key (kind, object_name),
    constraint ck_bulk_load_suspension_kind check (kind in ('INDEX', 'FOREIGN KEY'))
);
