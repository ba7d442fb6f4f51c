-- Switchboard's database: run ONCE, as the PostgreSQL superuser, with the passwords of
-- switchboard-secrets/switchboard.env (README, "Production"):
--
--   psql -v ON_ERROR_STOP=1 -v owner_password="$QUARKUS_FLYWAY_PASSWORD" \
--        -v app_password="$QUARKUS_DATASOURCE_PASSWORD" < deploy/database-logins.sql
--
-- Three roles, on purpose:
--   switchboard_owner      owns the schema; runs the migrations (QUARKUS_FLYWAY_*), nothing else
--   switchboard_app        what the service works as (QUARKUS_DATASOURCE_*): no superuser, no
--                          BYPASSRLS, owns nothing, so row-level security always applies to it
--   switchboard_directory  NOLOGIN; owns the few functions that look across tenants (migration V5)
-- The service refuses to start if switchboard_app is given more than this.

CREATE ROLE switchboard_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE switchboard_app LOGIN PASSWORD :'app_password'
    NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;
CREATE ROLE switchboard_directory NOLOGIN;
GRANT switchboard_directory TO switchboard_owner;

-- PostgreSQL 15 lets only the database's owner create in its public schema: the owner login.
CREATE DATABASE switchboard OWNER switchboard_owner;
