using System.CommandLine;
using SphereFlow.Cases;

namespace SphereFlow.Cli.Commands;

/// <summary><c>sphereflow keys [--markdown]</c>: every case-file key with its type, default and meaning (<see cref="CaseKeys"/>).</summary>
public static class KeysCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var markdownOpt = new Option<bool>("--markdown") { Description = "Print the README's key table (Markdown) instead." };
        var cmd = new Command("keys", "List every case-file key with its type, default and meaning.");
        cmd.Options.Add(markdownOpt);
        cmd.SetAction(pr =>
        {
            Console.Write(pr.GetValue(markdownOpt) ? CaseKeys.Markdown() : CaseKeys.Text());
            return 0;
        });
        return cmd;
    }
}
