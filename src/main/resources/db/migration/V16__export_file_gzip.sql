-- bulk/: export parts are stored gzip-compressed (compressed once while the export runs, served as they are
-- to clients that accept gzip); null for parts stored as plain NDJSON before this version.
alter table export_file add column content_encoding varchar(10);
