-- store/: no query reads the reference index by target alone: searches, includes and revincludes name the source
-- type and parameter first (ix_idx_reference_search), and includes read a page's rows by pid. This index cost an
-- insert into a B-tree in random order for each of the store's most numerous rows.
drop index ix_idx_reference_target;
