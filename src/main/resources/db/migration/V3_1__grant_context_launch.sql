-- auth/: the rest of a grant's SMART launch context, returned again with every refreshed token.
alter table grant_context add column need_patient_banner boolean default false not null;
alter table grant_context add column fhir_context varchar(4000);
create index ix_rotated_refresh_token_expiry on rotated_refresh_token (expires_at);
