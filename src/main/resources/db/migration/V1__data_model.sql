-- The EHR's data model, for every feature. Portable SQL for H2 and PostgreSQL; the two vendor differences
-- are Flyway placeholders set by health.ehr.config.FlywayVendorPlaceholders:
--   ${lob}    large value in the authorization server's tables: blob on H2, text on PostgreSQL
--   ${binary} bytes: blob on H2, bytea on PostgreSQL
-- Times are "timestamp with time zone" everywhere (instants, never wall-clock times).

-- ---------------------------------------------------------------------------------------------------------
-- store/: versioned FHIR resources and their search indexes
-- ---------------------------------------------------------------------------------------------------------

-- Resource pids are allocated in blocks of 100 (hi/lo) so that bulk loads need no round trip per row.
create sequence resource_pid_seq start with 1 increment by 100;

-- The current version of every resource (deleted ones too, so a read can answer 410).
create table fhir_resource (
    pid           bigint                   not null primary key,
    res_type      varchar(40)              not null,
    res_id        varchar(64)              not null,
    version       bigint                   not null,
    last_updated  timestamp with time zone not null,
    deleted       boolean                  not null,
    body          text,                    -- JSON of the current version; null when deleted
    constraint uq_fhir_resource_type_id unique (res_type, res_id)
);
create index ix_fhir_resource_type_updated on fhir_resource (res_type, last_updated);

-- Every version, the current one included (vread, _history).
create table fhir_resource_version (
    pid           bigint                   not null,
    version       bigint                   not null,
    last_updated  timestamp with time zone not null,
    deleted       boolean                  not null,
    method        varchar(10)              not null,  -- POST, PUT, DELETE
    body          text,
    constraint pk_fhir_resource_version primary key (pid, version),
    constraint fk_version_resource foreign key (pid) references fhir_resource (pid)
);
create index ix_fhir_resource_version_updated on fhir_resource_version (last_updated);

-- Search indexes: one row per extracted value of a search parameter of the current version.
create table idx_string (
    pid         bigint        not null,
    res_type    varchar(40)   not null,
    param       varchar(100)  not null,
    value_norm  varchar(255)  not null,   -- lower case, accents removed, for the default prefix match
    value_exact varchar(1000) not null    -- as written, for :exact and :contains
);
create index ix_idx_string_search on idx_string (res_type, param, value_norm);
create index ix_idx_string_pid on idx_string (pid);

create table idx_token (
    pid        bigint       not null,
    res_type   varchar(40)  not null,
    param      varchar(100) not null,
    system     varchar(255),
    code       varchar(255),
    text_norm  varchar(255)  -- display/text, for :text
);
create index ix_idx_token_search on idx_token (res_type, param, code, system);
create index ix_idx_token_pid on idx_token (pid);

create table idx_reference (
    pid          bigint        not null,
    res_type     varchar(40)   not null,
    param        varchar(100)  not null,
    target_type  varchar(40),
    target_id    varchar(64),
    target_url   varchar(1000)  -- absolute or canonical references that are not local
);
create index ix_idx_reference_search on idx_reference (res_type, param, target_id, target_type);
create index ix_idx_reference_target on idx_reference (target_type, target_id);
create index ix_idx_reference_pid on idx_reference (pid);

create table idx_date (
    pid       bigint                   not null,
    res_type  varchar(40)              not null,
    param     varchar(100)             not null,
    low       timestamp with time zone not null,  -- the range the value covers: [low, high]
    high      timestamp with time zone not null
);
create index ix_idx_date_search on idx_date (res_type, param, low, high);
create index ix_idx_date_pid on idx_date (pid);

create table idx_number (
    pid       bigint          not null,
    res_type  varchar(40)     not null,
    param     varchar(100)    not null,
    num_value decimal(38, 12) not null
);
create index ix_idx_number_search on idx_number (res_type, param, num_value);
create index ix_idx_number_pid on idx_number (pid);

create table idx_quantity (
    pid       bigint          not null,
    res_type  varchar(40)     not null,
    param     varchar(100)    not null,
    num_value decimal(38, 12) not null,
    system    varchar(255),
    code      varchar(255)
);
create index ix_idx_quantity_search on idx_quantity (res_type, param, num_value);
create index ix_idx_quantity_pid on idx_quantity (pid);

create table idx_uri (
    pid       bigint        not null,
    res_type  varchar(40)   not null,
    param     varchar(100)  not null,
    uri       varchar(1000) not null
);
create index ix_idx_uri_search on idx_uri (res_type, param, uri);
create index ix_idx_uri_pid on idx_uri (pid);

-- Patient-compartment membership of the current version (R4 CompartmentDefinition/patient).
create table resource_compartment (
    pid         bigint      not null,
    res_type    varchar(40) not null,
    patient_id  varchar(64) not null,
    constraint pk_resource_compartment primary key (patient_id, res_type, pid)
);
create index ix_resource_compartment_pid on resource_compartment (pid);

-- ---------------------------------------------------------------------------------------------------------
-- users/: people who log in
-- ---------------------------------------------------------------------------------------------------------
create table app_user (
    id             bigint generated by default as identity primary key,
    username       varchar(100)             not null,
    password_hash  varchar(200)             not null,  -- Spring's delegating encoder format ({bcrypt}...)
    role           varchar(20)              not null,  -- PATIENT, PRACTITIONER, ADMIN
    display_name   varchar(200)             not null,
    fhir_user      varchar(130),                        -- Patient/123 or Practitioner/456
    enabled        boolean                  not null,
    failed_logins  integer                  not null,
    locked_until   timestamp with time zone,
    created_at     timestamp with time zone not null,
    constraint uq_app_user_username unique (username)
);

-- ---------------------------------------------------------------------------------------------------------
-- auth/: signing keys and the authorization server's own tables (Spring Security's JDBC schema, with
-- wider scope columns because SMART scope lists are long)
-- ---------------------------------------------------------------------------------------------------------
create table signing_key (
    kid           varchar(64)              not null primary key,
    algorithm     varchar(10)              not null,   -- RS256, ES256, ...
    jwk           text                     not null,   -- the private JWK as JSON
    created_at    timestamp with time zone not null,
    active_from   timestamp with time zone not null,   -- signs from then on (newest active key signs)
    retire_at     timestamp with time zone,            -- stops signing; still verifies
    expires_at    timestamp with time zone             -- leaves the JWKS (after its last token expired)
);

create table oauth2_registered_client (
    id                            varchar(100)                           not null,
    client_id                     varchar(100)                           not null,
    client_id_issued_at           timestamp with time zone default current_timestamp not null,
    client_secret                 varchar(200)             default null,
    client_secret_expires_at      timestamp with time zone default null,
    client_name                   varchar(200)                           not null,
    client_authentication_methods varchar(1000)                          not null,
    authorization_grant_types     varchar(1000)                          not null,
    redirect_uris                 varchar(4000)            default null,
    post_logout_redirect_uris     varchar(1000)            default null,
    scopes                        varchar(4000)                          not null,
    client_settings               varchar(4000)                          not null,
    token_settings                varchar(2000)                          not null,
    constraint pk_oauth2_registered_client primary key (id),
    constraint uq_oauth2_registered_client_client_id unique (client_id)
);

create table oauth2_authorization (
    id                            varchar(100)             not null,
    registered_client_id          varchar(100)             not null,
    principal_name                varchar(200)             not null,
    authorization_grant_type      varchar(100)             not null,
    authorized_scopes             varchar(4000)            default null,
    attributes                    ${lob}                   default null,
    state                         varchar(500)             default null,
    authorization_code_value      ${lob}                   default null,
    authorization_code_issued_at  timestamp with time zone default null,
    authorization_code_expires_at timestamp with time zone default null,
    authorization_code_metadata   ${lob}                   default null,
    access_token_value            ${lob}                   default null,
    access_token_issued_at        timestamp with time zone default null,
    access_token_expires_at       timestamp with time zone default null,
    access_token_metadata         ${lob}                   default null,
    access_token_type             varchar(100)             default null,
    access_token_scopes           varchar(4000)            default null,
    oidc_id_token_value           ${lob}                   default null,
    oidc_id_token_issued_at       timestamp with time zone default null,
    oidc_id_token_expires_at      timestamp with time zone default null,
    oidc_id_token_metadata        ${lob}                   default null,
    refresh_token_value           ${lob}                   default null,
    refresh_token_issued_at       timestamp with time zone default null,
    refresh_token_expires_at      timestamp with time zone default null,
    refresh_token_metadata        ${lob}                   default null,
    user_code_value               ${lob}                   default null,
    user_code_issued_at           timestamp with time zone default null,
    user_code_expires_at          timestamp with time zone default null,
    user_code_metadata            ${lob}                   default null,
    device_code_value             ${lob}                   default null,
    device_code_issued_at         timestamp with time zone default null,
    device_code_expires_at        timestamp with time zone default null,
    device_code_metadata          ${lob}                   default null,
    constraint pk_oauth2_authorization primary key (id)
);
create index ix_oauth2_authorization_client on oauth2_authorization (registered_client_id);
create index ix_oauth2_authorization_principal on oauth2_authorization (principal_name);
create index ix_oauth2_authorization_state on oauth2_authorization (state);

create table oauth2_authorization_consent (
    registered_client_id varchar(100)  not null,
    principal_name       varchar(200)  not null,
    authorities          varchar(4000) not null,
    constraint pk_oauth2_authorization_consent primary key (registered_client_id, principal_name)
);

-- Lookup keys for the authorization table, whose token columns are large values that cannot be indexed:
-- sha-256 (hex) of each token value, kept in step by the authorization service.
create table authorization_token_hash (
    token_hash        char(64)     not null primary key,
    authorization_id  varchar(100) not null,
    token_kind        varchar(20)  not null    -- code, access, refresh, id, state
);
create index ix_authorization_token_hash_auth on authorization_token_hash (authorization_id);

-- SMART context and bookkeeping of one grant (one oauth2_authorization), for Token Administration.
create table grant_context (
    authorization_id  varchar(100)             not null primary key,
    client_id         varchar(100)             not null,
    username          varchar(200)             not null,   -- the user, or the client id for backend clients
    patient_id        varchar(64),
    encounter_id      varchar(64),
    granted_scopes    varchar(4000)            not null,
    granted_at        timestamp with time zone not null,
    last_used_at      timestamp with time zone,
    expires_at        timestamp with time zone,
    revoked_at        timestamp with time zone,
    revoked_by        varchar(200)
);
create index ix_grant_context_client on grant_context (client_id);
create index ix_grant_context_user on grant_context (username);

-- Refresh tokens replaced by rotation: presenting one again means it leaked, and ends the grant.
create table rotated_refresh_token (
    token_hash        char(64)                 not null primary key,
    authorization_id  varchar(100)             not null,
    rotated_at        timestamp with time zone not null,
    expires_at        timestamp with time zone not null
);

-- Append-only feed of revocations that every instance polls, so that a revoked token is refused
-- everywhere within a second without a database round trip per FHIR request.
create table revocation_event (
    seq               bigint generated by default as identity primary key,
    authorization_id  varchar(100),              -- a whole grant
    client_id         varchar(100),              -- with issued_before: every token of a client
    issued_before     timestamp with time zone,
    revoked_at        timestamp with time zone not null,
    revoked_by        varchar(200)             not null,
    reason            varchar(200)
);

-- jti of client assertions (private_key_jwt) seen while they could still be valid: replay protection.
create table client_assertion_jti (
    client_id   varchar(100)             not null,
    jti         varchar(255)             not null,
    expires_at  timestamp with time zone not null,
    constraint pk_client_assertion_jti primary key (client_id, jti)
);
create index ix_client_assertion_jti_expiry on client_assertion_jti (expires_at);

-- ---------------------------------------------------------------------------------------------------------
-- consent/: remembered consent per user, app and patient
-- ---------------------------------------------------------------------------------------------------------
create table smart_consent (
    client_id   varchar(100)             not null,
    username    varchar(200)             not null,
    patient_id  varchar(64)              not null,   -- '' where the grant has no patient context
    scopes      varchar(4000)            not null,
    granted_at  timestamp with time zone not null,
    constraint pk_smart_consent primary key (client_id, username, patient_id)
);

-- ---------------------------------------------------------------------------------------------------------
-- launch/: EHR launch ids and standalone launch choices
-- ---------------------------------------------------------------------------------------------------------
create table launch_context (
    launch_hash   char(64)                 not null primary key,  -- sha-256 of the opaque launch id
    username      varchar(200)             not null,
    patient_id    varchar(64)              not null,
    encounter_id  varchar(64),
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone not null,
    consumed_at   timestamp with time zone
);

-- ---------------------------------------------------------------------------------------------------------
-- clients/: what a Login Trust holds beyond the authorization server's registered client
-- ---------------------------------------------------------------------------------------------------------
create table app_registration (
    client_id                  varchar(100)             not null primary key,
    client_kind                varchar(30)              not null,  -- PUBLIC, CONFIDENTIAL_SECRET, CONFIDENTIAL_KEYS, BACKEND
    description                varchar(2000),
    publisher                  varchar(200),
    logo_url                   varchar(1000),
    launch_url                 varchar(1000),
    jwks_url                   varchar(1000),
    jwks                       text,                               -- inline public JWK Set
    enabled                    boolean                  not null,
    ehr_launch                 boolean                  not null,
    standalone_launch          boolean                  not null,
    access_token_ttl_seconds   integer                  not null,
    refresh_token_ttl_seconds  integer                  not null,
    created_at                 timestamp with time zone not null,
    created_by                 varchar(200)             not null,
    updated_at                 timestamp with time zone not null,
    updated_by                 varchar(200)             not null
);

-- Client secrets, hashed. Rotation keeps the old secret valid until its expires_at (the overlap period).
create table client_secret (
    id           bigint generated by default as identity primary key,
    client_id    varchar(100)             not null,
    secret_hash  varchar(200)             not null,
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone
);
create index ix_client_secret_client on client_secret (client_id);

-- RFC 7591 initial access tokens issued by an administrator (hashed).
create table registration_token (
    token_hash  char(64)                 not null primary key,
    created_by  varchar(200)             not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone
);

-- ---------------------------------------------------------------------------------------------------------
-- ehr/: the clinician's Quickview portlets
-- ---------------------------------------------------------------------------------------------------------
create table user_portlet (
    username  varchar(200) not null,
    portlet   varchar(40)  not null,
    position  integer      not null,
    constraint pk_user_portlet primary key (username, portlet)
);

-- ---------------------------------------------------------------------------------------------------------
-- bulk/: export jobs and their files
-- ---------------------------------------------------------------------------------------------------------
create table export_job (
    id                varchar(64)              not null primary key,
    client_id         varchar(100)             not null,
    principal         varchar(200)             not null,
    status            varchar(20)              not null,  -- ACCEPTED, RUNNING, COMPLETED, FAILED, CANCELLED
    export_level      varchar(10)              not null,  -- SYSTEM, PATIENT, GROUP
    group_id          varchar(64),
    request_url       varchar(4000)            not null,
    parameters        text                     not null,  -- the kick-off parameters and the token's scopes, JSON
    transaction_time  timestamp with time zone not null,
    created_at        timestamp with time zone not null,
    started_at        timestamp with time zone,
    completed_at      timestamp with time zone,
    expires_at        timestamp with time zone not null,
    progress          varchar(200),
    error             text,
    lease_owner       varchar(100),                       -- the instance running it
    lease_until       timestamp with time zone,           -- a job whose lease lapsed is taken over
    attempts          integer                  not null
);
create index ix_export_job_status on export_job (status, lease_until);
create index ix_export_job_client on export_job (client_id, status);

create table export_file (
    id              bigint generated by default as identity primary key,
    job_id          varchar(64)              not null,
    res_type        varchar(40)              not null,
    part            integer                  not null,
    kind            varchar(10)              not null,  -- OUTPUT, ERROR
    resource_count  bigint                   not null,
    size_bytes      bigint                   not null,
    content         ${binary},
    created_at      timestamp with time zone not null
);
create index ix_export_file_job on export_file (job_id);

-- ---------------------------------------------------------------------------------------------------------
-- audit/
-- ---------------------------------------------------------------------------------------------------------
create table audit_event (
    id           bigint generated by default as identity primary key,
    occurred_at  timestamp with time zone not null,
    actor        varchar(200)             not null,
    action       varchar(60)              not null,
    target_type  varchar(60),
    target_id    varchar(200),
    outcome      varchar(20)              not null,
    detail       varchar(4000),
    source_ip    varchar(64)
);
create index ix_audit_event_time on audit_event (occurred_at);
create index ix_audit_event_target on audit_event (target_type, target_id);

-- ---------------------------------------------------------------------------------------------------------
-- Spring Session (JDBC): HTTP sessions shared by every instance
-- ---------------------------------------------------------------------------------------------------------
create table spring_session (
    primary_id             char(36)     not null,
    session_id             char(36)     not null,
    creation_time          bigint       not null,
    last_access_time       bigint       not null,
    max_inactive_interval  integer      not null,
    expiry_time            bigint       not null,
    principal_name         varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id  char(36)     not null,
    attribute_name      varchar(200) not null,
    attribute_bytes     ${binary}    not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);
