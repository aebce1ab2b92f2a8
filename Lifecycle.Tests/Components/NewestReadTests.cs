using Lifecycle.Web.Components.Shared;

namespace Lifecycle.Tests.Components;

/// <summary>SPEC V10: a list updated by change notices shows the newest read, whichever read finishes last.</summary>
public sealed class NewestReadTests
{
    [Fact]
    public async Task V10_AnOlderReadThatFinishesLastIsNotShown()
    {
        var reads = new NewestRead();
        var shown = "nothing";
        var firstRead = new TaskCompletionSource<string>();
        var secondRead = new TaskCompletionSource<string>();
        async Task LoadAsync(Task<string> read)
        {
            var ticket = reads.Start();
            var result = await read;
            if (reads.IsNewest(ticket))
            {
                shown = result;
            }
        }

        var first = LoadAsync(firstRead.Task); // the page's first read
        var second = LoadAsync(secondRead.Task); // a reload a change notice started meanwhile
        secondRead.SetResult("after the release");
        await second;
        firstRead.SetResult("before the release");
        await first;

        Assert.Equal("after the release", shown);
    }

    [Fact]
    public async Task V10_ReadsThatDoNotOverlapAreEachShown()
    {
        var reads = new NewestRead();
        var shown = new List<int>();
        for (var read = 1; read <= 3; read++)
        {
            var ticket = reads.Start();
            await Task.Yield();
            if (reads.IsNewest(ticket))
            {
                shown.Add(read);
            }
        }

        Assert.Equal([1, 2, 3], shown);
    }
}
