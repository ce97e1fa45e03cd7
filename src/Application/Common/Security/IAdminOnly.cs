namespace RunnerTokens.Application.Common.Security;

/// <summary>
/// Marks a message only administrators may send: anyone else gets <see cref="AccessErrors.AdminRequired"/>
/// before the handler runs. Use cases that first look up a team (so outsiders get its 404) check the admin
/// role in the handler instead.
/// </summary>
public interface IAdminOnly : IRequiresPrincipal;
