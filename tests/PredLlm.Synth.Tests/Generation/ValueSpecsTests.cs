using PredLlm.Synth.Generation;
using PredLlm.Synth.Generation.Constraints;
using static PredLlm.Synth.Tests.Quality.QualityTestTables;

namespace PredLlm.Synth.Tests.Generation;

public class ValueSpecsTests
{
    [Fact]
    public void Integer_codes_with_few_values_allow_only_the_observed_codes()
    {
        // Codes 1, 2, 5 and 9: a 3 or a 7 would be a category no row has.
        var codes = Integers("grade", Enumerable.Range(0, 200).Select(i => new long[] { 1, 2, 5, 9 }[i % 4]));

        var spec = Assert.IsType<CategoricalSpec>(ValueSpecs.Of(codes));

        Assert.Equal(["1", "2", "5", "9"], spec.Values);
    }

    [Fact]
    public void Integer_amounts_with_many_values_allow_the_observed_range()
    {
        var amounts = Integers("amount", Enumerable.Range(0, 200).Select(i => (long)(i * 7) - 50));

        Assert.Equal(new IntegerSpec(-50, 1343), ValueSpecs.Of(amounts));
    }
}
