-- demo/: the claim on the first-start demo data load. The instance that inserts the row loads the demo data
-- set; any other instance starting on the same database at the same time, or later, finds it and skips.
create table demo_data_load (
    id           varchar(20)              not null primary key,  -- always 'first-start'
    state        varchar(10)              not null,              -- LOADING, LOADED
    instance     varchar(100)             not null,
    seed         bigint                   not null,
    patients     integer                  not null,
    resources    bigint,
    started_at   timestamp with time zone not null,
    finished_at  timestamp with time zone
);
