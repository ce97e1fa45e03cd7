using MudBlazor;

namespace RunnerTokens.Web.Shared;

/// <summary>
/// MudBlazor's default theme with the status colours of the light palette darkened so that text in them (outlined
/// error buttons, chips, alerts) meets WCAG AA contrast (4.5:1) on white, as the axe checks of the browser tests demand.
/// </summary>
public static class DashboardTheme
{
    public static readonly MudTheme Value = new()
    {
        PaletteLight = new PaletteLight
        {
            Error = "#c62828",
            Success = "#2e7d32",
            Warning = "#a15c00",
            Info = "#01579b",
        },
    };
}
