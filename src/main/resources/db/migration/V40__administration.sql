-- Administration at run time. Every node follows the county and the accounts as they change:
-- each change bumps a version in the same transaction, nodes are told over the event bus, and a
-- node that missed the message sees the newer version at its next periodic check.
create table versions (
  name    text primary key,
  version bigint not null
);
insert into versions (name, version) values ('county', 1), ('accounts', 1);

-- A disabled account cannot log in and its tokens stop working; tokens issued before
-- tokens_valid_after (a password reset, a change of role) stop working too.
alter table accounts add column disabled_at timestamptz;
alter table accounts add column tokens_valid_after timestamptz;

-- What an audit entry is about (area, station, office, workstation, person, device, account,
-- county). The entries dispatch writes for dispatcher commands are about incidents.
alter table audit_log add column kind text not null default 'incident';
create index audit_log_at on audit_log (at);
create index audit_log_kind_at on audit_log (kind, at);
create index audit_log_actor_at on audit_log (actor, at);
