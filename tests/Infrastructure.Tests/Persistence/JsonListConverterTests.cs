using System.Text.Json;
using RunnerTokens.Infrastructure.Persistence.Converters;

namespace RunnerTokens.Infrastructure.Tests.Persistence;

/// <summary>
/// The JSON list columns' format (plain arrays, the serializer's general defaults), which every stored row has: a change
/// of the converter (source-generated metadata was tried for issue 10 and bought nothing) must keep it.
/// </summary>
public sealed class JsonListConverterTests
{
    [Test]
    public void Strings_are_written_as_a_plain_array_with_the_default_escaping_and_read_back()
    {
        var converter = new JsonListConverter<string>();
        IReadOnlyList<string> labels = ["self-hosted", "gpu", "<tag>", "é"];

        var json = (string)converter.ConvertToProvider(labels)!;

        json.ShouldBe("[\"self-hosted\",\"gpu\",\"\\u003Ctag\\u003E\",\"\\u00E9\"]");
        ((IReadOnlyList<string>)converter.ConvertFromProvider(json)!).ShouldBe(labels);
    }

    [Test]
    public void Numbers_are_written_as_a_plain_array_and_read_back()
    {
        var converter = new JsonListConverter<long>();
        IReadOnlyList<long> groups = [1, 42, 9_007_199_254_740_993];

        var json = (string)converter.ConvertToProvider(groups)!;

        json.ShouldBe("[1,42,9007199254740993]");
        ((IReadOnlyList<long>)converter.ConvertFromProvider(json)!).ShouldBe(groups);
    }

    [TestCase("")]
    [TestCase("[]")]
    [TestCase("null")]
    public void An_empty_column_reads_as_an_empty_list(string json)
    {
        ((IReadOnlyList<string>)new JsonListConverter<string>().ConvertFromProvider(json)!).ShouldBeEmpty();
    }

    [Test]
    public void A_list_longer_than_the_stack_buffer_and_escaped_elements_read_back_in_order()
    {
        var converter = new JsonListConverter<string>();
        IReadOnlyList<string> labels = [.. Enumerable.Range(0, 100).Select(i => $"label-{i}-\"quoted\"-ü"), null!, ""];

        var json = (string)converter.ConvertToProvider(labels)!;

        json.Length.ShouldBeGreaterThan(512);
        ((IReadOnlyList<string>)converter.ConvertFromProvider(json)!).ShouldBe(labels);
    }

    [TestCase("{}")]
    [TestCase("\"gpu\"")]
    [TestCase("[\"gpu\"")]
    [TestCase("[1]")]
    public void A_column_that_is_not_an_array_of_the_element_type_fails_to_read(string json)
    {
        Should.Throw<JsonException>(() => new JsonListConverter<string>().ConvertFromProvider(json));
    }
}
