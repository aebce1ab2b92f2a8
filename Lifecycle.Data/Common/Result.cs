namespace Lifecycle.Data.Common;

/// <summary>How a use case ended. Expected failures are values, not exceptions (STYLE 4).</summary>
public enum ResultStatus
{
    Ok,
    NotFound,
    Invalid,
    Conflict,
    Forbidden,

    /// <summary>Allowed, but not now: the app is down for maintenance, or its visitor made too many requests (SPEC S5, S6).</summary>
    Unavailable,
}

/// <summary>The outcome of a use case: a status, a message for the user and, for invalid input, the field it concerns.</summary>
public record Result(ResultStatus Status, string? Error = null, string? Field = null)
{
    public bool IsSuccess => Status == ResultStatus.Ok;

    public static Result Success() => new(ResultStatus.Ok);
    public static Result NotFound(string error) => new(ResultStatus.NotFound, error);
    public static Result Invalid(string error, string? field = null) => new(ResultStatus.Invalid, error, field);
    public static Result Conflict(string error) => new(ResultStatus.Conflict, error);
    public static Result Forbidden(string error) => new(ResultStatus.Forbidden, error);
    public static Result Unavailable(string error) => new(ResultStatus.Unavailable, error);
}

/// <summary>A result that carries a value on success.</summary>
public sealed record Result<T>(ResultStatus Status, T? Value, string? Error = null, string? Field = null)
    : Result(Status, Error, Field)
{
    public static implicit operator Result<T>(T value) => new(ResultStatus.Ok, value);

    /// <summary>Carries a failure of another result over to this value type.</summary>
    public static Result<T> From(Result failure) => new(failure.Status, default, failure.Error, failure.Field);
}
