-- Each server instance keeps the session contexts of recent requests for a moment (the session, the
-- user's name, roles in the session's organisation and the organisation's alliances), so a read does
-- not look its session up every time. Whatever changes one of them tells every instance on commit,
-- here rather than in the code that makes the change, so no road to these tables is missed: a logout,
-- a revoked session, a role given or taken, an organisation joining or leaving an alliance. The
-- instances then drop everything they kept (src/platform/auth/session-cache.ts).
CREATE FUNCTION notify_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('session_change', '{}');
  RETURN NULL;
END;
$$;

CREATE TRIGGER user_session_changed AFTER UPDATE OR DELETE OR TRUNCATE ON user_session
  FOR EACH STATEMENT EXECUTE FUNCTION notify_session_change();
CREATE TRIGGER staff_role_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON staff_role
  FOR EACH STATEMENT EXECUTE FUNCTION notify_session_change();
CREATE TRIGGER alliance_membership_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON alliance_membership
  FOR EACH STATEMENT EXECUTE FUNCTION notify_session_change();
-- The name is the only column of the user the context carries; failed logins and the like do not count.
CREATE TRIGGER app_user_renamed AFTER UPDATE OF name OR DELETE ON app_user
  FOR EACH STATEMENT EXECUTE FUNCTION notify_session_change();
