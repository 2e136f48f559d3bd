-- store/: the search indexes and the resource table compare type names, parameter names, ids, codes, systems
-- and normalized strings byte by byte on PostgreSQL (collation "C": the ${c_collate} placeholder, nothing on H2).
-- They are identifiers, compared exactly, and a prefix match on them is a plain index range under "C". Under the
-- database's default collation every key comparison of these indexes went through the locale's strcoll (also
-- for C.UTF-8 on PostgreSQL 15): 12 % of the CPU of loading, in the comparisons of B-tree descents alone.
alter table fhir_resource alter column res_type set data type varchar(40) ${c_collate};
alter table fhir_resource alter column res_id set data type varchar(64) ${c_collate};

alter table idx_string alter column res_type set data type varchar(40) ${c_collate};
alter table idx_string alter column param set data type varchar(100) ${c_collate};
alter table idx_string alter column value_norm set data type varchar(255) ${c_collate};

alter table idx_token alter column res_type set data type varchar(40) ${c_collate};
alter table idx_token alter column param set data type varchar(100) ${c_collate};
alter table idx_token alter column system set data type varchar(255) ${c_collate};
alter table idx_token alter column code set data type varchar(255) ${c_collate};

alter table idx_reference alter column res_type set data type varchar(40) ${c_collate};
alter table idx_reference alter column param set data type varchar(100) ${c_collate};
alter table idx_reference alter column target_type set data type varchar(40) ${c_collate};
alter table idx_reference alter column target_id set data type varchar(64) ${c_collate};

alter table idx_date alter column res_type set data type varchar(40) ${c_collate};
alter table idx_date alter column param set data type varchar(100) ${c_collate};

alter table idx_number alter column res_type set data type varchar(40) ${c_collate};
alter table idx_number alter column param set data type varchar(100) ${c_collate};

alter table idx_quantity alter column res_type set data type varchar(40) ${c_collate};
alter table idx_quantity alter column param set data type varchar(100) ${c_collate};
alter table idx_quantity alter column system set data type varchar(255) ${c_collate};
alter table idx_quantity alter column code set data type varchar(255) ${c_collate};

alter table idx_uri alter column res_type set data type varchar(40) ${c_collate};
alter table idx_uri alter column param set data type varchar(100) ${c_collate};
alter table idx_uri alter column uri set data type varchar(1000) ${c_collate};

alter table resource_compartment alter column res_type set data type varchar(40) ${c_collate};
alter table resource_compartment alter column patient_id set data type varchar(64) ${c_collate};
