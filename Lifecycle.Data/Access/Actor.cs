namespace Lifecycle.Data.Access;

/// <summary>The signed-in user on whose behalf a use case runs. Rights are read from the database at the time of the action (SPEC A3), never from this value.</summary>
public sealed record Actor(string UserId, string Name);
