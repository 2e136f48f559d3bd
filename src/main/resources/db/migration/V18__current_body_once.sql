-- store/: the current version's JSON is stored once, in fhir_resource.body; its fhir_resource_version row has no
-- body until a newer version replaces it (the writers copy it over then). Reads of a version take the resource
-- row's body when the version is the current one. Loading wrote every body twice before: half the bytes of the
-- two largest tables, and of their write-ahead log.
update fhir_resource_version set body = null
where exists (select 1 from fhir_resource r where r.pid = fhir_resource_version.pid
              and r.version = fhir_resource_version.version);
