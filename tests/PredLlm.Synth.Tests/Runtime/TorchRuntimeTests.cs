using PredLlm.Synth.Runtime;

namespace PredLlm.Synth.Tests.Runtime;

public class TorchRuntimeTests
{
    [Fact]
    public void Native_backend_loads_and_runs_a_forward_and_backward_pass()
    {
        var report = TorchRuntime.SelfTest();

        Assert.Contains("gradient norm", report, StringComparison.Ordinal);
    }
}
