-- store/: a search that names one patient (Observation?patient=123) starts from that patient's rows of this
-- index (store.SearchAnchor). With the pid right after the searched value the index returns them in pid order,
-- the search's order: a page ends as soon as it is full, without reading and sorting the whole record, and the
-- pids come from the index alone. The type, compared after the pid, still narrows within the index.
drop index ix_idx_reference_search;
create index ix_idx_reference_search on idx_reference (res_type, param, target_id, pid, target_type);

-- store/: history pages are newest first by (last_updated, pid, version). A bulk load gives a thousand versions
-- the same time; ordered by the time alone, each page sorted them all again (in parallel workers).
drop index ix_fhir_resource_version_updated;
create index ix_fhir_resource_version_updated on fhir_resource_version (last_updated, pid, version);

-- store/: Patient?name=smi is a prefix match (value_norm like 'smi%'). PostgreSQL reads it as a range of this
-- index only with the pattern operator class (the placeholder: varchar_pattern_ops there, nothing on H2), unless
-- the database's collation is "C"; otherwise it read every name of the type.
drop index ix_idx_string_search;
create index ix_idx_string_search on idx_string (res_type, param, value_norm ${pattern_ops});
