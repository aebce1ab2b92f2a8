using Lifecycle.Data.Common;

namespace Lifecycle.Tests.Support;

/// <summary>Assertions on use-case results that show the result's own message when they fail.</summary>
public static class ResultAssert
{
    public static void Ok(Result result) =>
        Assert.True(result.IsSuccess, $"Expected success but got {result.Status}: {result.Error}");

    public static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, $"Expected success but got {result.Status}: {result.Error}");
        return result.Value!;
    }

    public static void Failed(ResultStatus expected, Result result, string? field = null)
    {
        Assert.Equal(expected, result.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Error), "A refusal carries a message for the user.");
        if (field is not null)
        {
            Assert.Equal(field, result.Field);
        }
    }
}
