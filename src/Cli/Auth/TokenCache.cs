using System.Text.Json;
using RunnerTokens.Cli.Output;

namespace RunnerTokens.Cli.Auth;

/// <summary>
/// <c>token.json</c> in the user's configuration folder (<c>~/.config/runnertokens</c>): the folder is created 0700
/// and the file 0600, rewritten whole on each save, so no other local user can read the token.
/// </summary>
public sealed class TokenCache(string directory)
{
    public string Path { get; } = System.IO.Path.Combine(directory, "token.json");

    public CachedToken? Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<CachedToken>(File.ReadAllText(Path), CliJson.Options);
        }
        catch (JsonException)
        {
            return null; // unreadable: as if signed out; the next login rewrites it
        }
    }

    public void Save(CachedToken token)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var temporary = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite); // an old .tmp kept its mode
            }

            JsonSerializer.Serialize(stream, token, CliJson.Options);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    /// <summary>Forgets the token; true when there was one.</summary>
    public bool Delete()
    {
        if (!File.Exists(Path))
        {
            return false;
        }

        File.Delete(Path);
        return true;
    }
}
