-- Token Administration asks whether a grant, or an app's tokens issued before a time, were revoked:
-- without these, each question scans the whole append-only feed.
create index ix_revocation_event_authorization on revocation_event (authorization_id);
create index ix_revocation_event_client on revocation_event (client_id, issued_before);
