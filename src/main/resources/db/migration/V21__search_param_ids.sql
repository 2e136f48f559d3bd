-- store/: the search index tables name a row's (resource type, search parameter) by a small integer, the id of
-- its row in search_param, instead of the two strings: every search index's key starts with it. The keys are
-- smaller by some twenty bytes, and a B-tree descent compares one integer where it compared two strings (the
-- comparisons of these keys were the largest item of the database's CPU while loading). The numbers of the
-- parameters found in the index tables are given here; the store (health.ehr.store.JdbcSearchParamIds)
-- numbers the others of the R4 definitions on first use.
create table search_param (
    id        integer      not null primary key,
    res_type  varchar(40)  ${c_collate} not null,
    param     varchar(100) ${c_collate} not null,
    constraint uq_search_param unique (res_type, param)
);

insert into search_param (id, res_type, param)
select row_number() over (order by res_type, param), res_type, param
from (select res_type, param from idx_string
      union select res_type, param from idx_token
      union select res_type, param from idx_reference
      union select res_type, param from idx_date
      union select res_type, param from idx_number
      union select res_type, param from idx_quantity
      union select res_type, param from idx_uri) used;

alter table idx_string add column param_id integer;
update idx_string set param_id = (select p.id from search_param p
                           where p.res_type = idx_string.res_type and p.param = idx_string.param);
alter table idx_string alter column param_id set not null;
drop index ix_idx_string_search;
alter table idx_string drop column res_type;
alter table idx_string drop column param;
create index ix_idx_string_search on idx_string (param_id, value_norm ${pattern_ops});

alter table idx_token add column param_id integer;
update idx_token set param_id = (select p.id from search_param p
                           where p.res_type = idx_token.res_type and p.param = idx_token.param);
alter table idx_token alter column param_id set not null;
drop index ix_idx_token_search;
alter table idx_token drop column res_type;
alter table idx_token drop column param;
create index ix_idx_token_search on idx_token (param_id, code, system);

alter table idx_reference add column param_id integer;
update idx_reference set param_id = (select p.id from search_param p
                           where p.res_type = idx_reference.res_type and p.param = idx_reference.param);
alter table idx_reference alter column param_id set not null;
drop index ix_idx_reference_search;
alter table idx_reference drop column res_type;
alter table idx_reference drop column param;
create index ix_idx_reference_search on idx_reference (param_id, target_id, pid, target_type);

alter table idx_date add column param_id integer;
update idx_date set param_id = (select p.id from search_param p
                           where p.res_type = idx_date.res_type and p.param = idx_date.param);
alter table idx_date alter column param_id set not null;
drop index ix_idx_date_search;
alter table idx_date drop column res_type;
alter table idx_date drop column param;
create index ix_idx_date_search on idx_date (param_id, low, high);

alter table idx_number add column param_id integer;
update idx_number set param_id = (select p.id from search_param p
                           where p.res_type = idx_number.res_type and p.param = idx_number.param);
alter table idx_number alter column param_id set not null;
drop index ix_idx_number_search;
alter table idx_number drop column res_type;
alter table idx_number drop column param;
create index ix_idx_number_search on idx_number (param_id, num_value);

alter table idx_quantity add column param_id integer;
update idx_quantity set param_id = (select p.id from search_param p
                           where p.res_type = idx_quantity.res_type and p.param = idx_quantity.param);
alter table idx_quantity alter column param_id set not null;
drop index ix_idx_quantity_search;
alter table idx_quantity drop column res_type;
alter table idx_quantity drop column param;
create index ix_idx_quantity_search on idx_quantity (param_id, num_value);

alter table idx_uri add column param_id integer;
update idx_uri set param_id = (select p.id from search_param p
                           where p.res_type = idx_uri.res_type and p.param = idx_uri.param);
alter table idx_uri alter column param_id set not null;
drop index ix_idx_uri_search;
alter table idx_uri drop column res_type;
alter table idx_uri drop column param;
create index ix_idx_uri_search on idx_uri (param_id, uri);
