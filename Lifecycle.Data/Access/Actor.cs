namespace Lifecycle.Data.Access;

/// <summary>
/// The signed-in user on whose behalf a use case runs. Rights are read from the database at the time of the action
/// (SPEC A3), never from this value. <see cref="ClientIp"/> is only recorded in the audit log (SPEC A4).
/// </summary>
public sealed record Actor(string UserId, string Name, string? ClientIp = null);
