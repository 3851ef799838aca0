-- A token stands while it carries its account's current generation: a password reset or a change
-- of role bumps it, so every older token stops at once. A counter, not a time, so a token issued
-- in the same second as the change (or on a node whose clock runs behind) is judged exactly.
alter table accounts add column token_generation integer not null default 0;
alter table accounts drop column tokens_valid_after;
