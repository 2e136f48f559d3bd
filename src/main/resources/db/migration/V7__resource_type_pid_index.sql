-- store/: bulk export streams each type's current resources in pid order; with this index PostgreSQL reads
-- them in that order instead of sorting every row of the type (on disk, for large types) first.
create index ix_fhir_resource_type_pid on fhir_resource (res_type, pid);
