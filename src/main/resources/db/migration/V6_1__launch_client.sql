-- An EHR launch is issued for one app: the authorize request must come from that client.
alter table launch_context add client_id varchar(100);
