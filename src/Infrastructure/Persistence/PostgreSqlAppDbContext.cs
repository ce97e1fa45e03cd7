using Microsoft.EntityFrameworkCore;

namespace RunnerTokens.Infrastructure.Persistence;

public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options) : AppDbContext(options);
