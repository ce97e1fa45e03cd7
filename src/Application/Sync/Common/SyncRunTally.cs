namespace RunnerTokens.Application.Sync.Common;

/// <summary>What one sync run has done so far: changes applied and errors met.</summary>
public sealed class SyncRunTally
{
    public int Changes { get; set; }

    public List<string> Errors { get; } = [];

    public void Error(string message) => Errors.Add(message);
}
