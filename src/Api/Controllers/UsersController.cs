using Mediator;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Api.Contracts.Users;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Users;
using RunnerTokens.Application.Users.CreateUser;
using RunnerTokens.Application.Users.GetUser;
using RunnerTokens.Application.Users.ListUsers;
using RunnerTokens.Application.Users.UpdateUser;

namespace RunnerTokens.Api.Controllers;

/// <summary>The users admin API (administrators only).</summary>
[Route("api/v1/users")]
public sealed class UsersController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Users, newest first. Pass <c>nextCursor</c> back as <c>cursor</c> for the next page.</summary>
    /// <param name="text">Part of the display name or email (case-insensitive).</param>
    [HttpGet]
    [ProducesProblems(403)]
    [ProducesResponseType<Page<UserDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<Page<UserDto>>> List(
        [FromQuery] string? text,
        [FromQuery] bool? active,
        [FromQuery] bool? admin,
        [FromQuery] string? cursor,
        [FromQuery] int? limit,
        CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new ListUsersQuery(text, active, admin, cursor, limit), cancellationToken));

    [HttpGet("{id}")]
    [ProducesProblems(403, 404)]
    [ProducesResponseType<UserDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<UserDto>> Get(Guid id, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new GetUserQuery(id), cancellationToken));

    /// <summary>Pre-registers a person by issuer and subject and/or email.</summary>
    [HttpPost]
    [ProducesProblems(403, 409)]
    [ProducesResponseType<UserDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<UserDto>> Create(CreateUserRequest request, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(
            new CreateUserCommand(request.Issuer, request.Subject, request.Email, request.DisplayName, request.IsAdmin ?? false),
            cancellationToken);
        return result.IsSuccess
            ? CreatedAtAction(nameof(Get), new { id = result.Value.Id }, result.Value)
            : Problem(result.Error);
    }

    /// <summary>Changes display name, admin flag or active flag. The last active admin cannot step down (409).</summary>
    [HttpPatch("{id}")]
    [ProducesProblems(403, 404, 409)]
    [ProducesResponseType<UserDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<UserDto>> Update(Guid id, UpdateUserRequest request, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new UpdateUserCommand(id, request.DisplayName, request.IsAdmin, request.IsActive), cancellationToken));
}
