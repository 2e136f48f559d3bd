-- store/: a search that names one patient (Observation?patient=123) starts from that patient's rows of this
-- index (store.SearchAnchor). With the pid right after the searched value the index returns them in pid order,
-- the search's order: a page ends as soon as it is full, without reading and sorting the whole record, and the
-- pids come from the index alone. The type, compared after the pid, still narrows within the index.
drop index ix_idx_reference_search;
create index ix_idx_reference_search on idx_reference (res_type, param, target_id, pid, target_type);
