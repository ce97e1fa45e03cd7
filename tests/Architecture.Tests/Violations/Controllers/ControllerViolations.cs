// Deliberate violations of "controllers do not touch the database", grouped in one file on purpose: the rule's
// test must reject each of them. Never imitate: controllers send messages, handlers use the database.
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.Controllers;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Architecture.Tests.Violations.Controllers;

public sealed class ControllerUsingAppDbContext(ISender sender, AppDbContext db) : ApiControllerBase(sender)
{
    [HttpGet]
    public async Task<int> Count() => await db.Users.CountAsync();
}

public sealed class ControllerUsingIAppDbContext(ISender sender, IAppDbContext db) : ApiControllerBase(sender)
{
    [HttpGet]
    public async Task<int> Count() => await db.Teams.CountAsync();
}

public sealed class ControllerUsingDbContext(DbContext db) : ControllerBase
{
    [HttpGet]
    public bool Connected() => db.Database.CanConnect();
}
