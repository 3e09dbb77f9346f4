using System.ComponentModel.DataAnnotations;
using Azure.Storage.Blobs;

namespace PredLlm.Synth.Worker.Storage;

/// <summary>
/// Where the worker keeps inputs, outputs and its bookkeeping (configuration section <c>Storage</c>).
/// With neither <see cref="ConnectionString"/> nor <see cref="AccountUrl"/> it uses folders under <see cref="Root"/>.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>An Azure Storage connection string (account key or SAS; Azurite's development string works).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's blob endpoint, e.g. https://account.blob.core.windows.net; signs in with DefaultAzureCredential.</summary>
    public Uri? AccountUrl { get; set; }

    /// <summary>The folder of the embedded store, used when no account is configured.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Root { get; set; } = "storage";

    /// <summary>
    /// The blob service API version to speak, e.g. <c>2026-06-06</c> for Azurite 3.37, which does not
    /// know the newest version of the client library. Empty: the library's newest.
    /// </summary>
    public string? ServiceVersion { get; set; }

    public AreaNames Areas { get; set; } = new();

    public bool UsesBlobStorage => !string.IsNullOrWhiteSpace(ConnectionString) || AccountUrl is not null;

    public BlobClientOptions.ServiceVersion? ParsedServiceVersion =>
        TryParseServiceVersion(ServiceVersion, out var version) ? version : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString) && AccountUrl is not null)
        {
            yield return new ValidationResult(
                "Storage: set either ConnectionString or AccountUrl, not both.",
                [nameof(ConnectionString), nameof(AccountUrl)]);
        }

        if (AccountUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult(
                $"Storage:AccountUrl must be an absolute http(s) URL such as https://account.blob.core.windows.net, not '{url}'.",
                [nameof(AccountUrl)]);
        }

        if (!string.IsNullOrWhiteSpace(ServiceVersion) && !TryParseServiceVersion(ServiceVersion, out _))
        {
            yield return new ValidationResult(
                $"Storage:ServiceVersion '{ServiceVersion}' is not an API version this client knows (e.g. 2026-06-06).",
                [nameof(ServiceVersion)]);
        }

        var areaResults = new List<ValidationResult>();
        Validator.TryValidateObject(Areas, new ValidationContext(Areas), areaResults, validateAllProperties: true);
        foreach (var result in areaResults)
        {
            yield return result;
        }

        var names = Areas.All.Select(area => area.Name).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            yield return new ValidationResult("Storage:Areas: every area needs its own name.", [nameof(Areas)]);
        }
    }

    private static bool TryParseServiceVersion(string? text, out BlobClientOptions.ServiceVersion version)
    {
        version = default;
        return !string.IsNullOrWhiteSpace(text)
            && Enum.TryParse("V" + text.Trim().Replace('-', '_'), ignoreCase: false, out version)
            && Enum.IsDefined(version);
    }
}

/// <summary>
/// Container names on blob storage, folder names in the embedded store. Valid container names:
/// 3-63 lowercase letters, digits and single hyphens.
/// </summary>
public sealed class AreaNames
{
    private const string ContainerName = "^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$";
    private const string ContainerNameMessage =
        "Storage:Areas:{0} must be a valid container name: 3-63 lowercase letters, digits and single hyphens.";

    [RegularExpression(ContainerName, ErrorMessage = ContainerNameMessage)]
    public string Inbox { get; set; } = "inbox";

    [RegularExpression(ContainerName, ErrorMessage = ContainerNameMessage)]
    public string Published { get; set; } = "published";

    [RegularExpression(ContainerName, ErrorMessage = ContainerNameMessage)]
    public string Quarantine { get; set; } = "quarantine";

    [RegularExpression(ContainerName, ErrorMessage = ContainerNameMessage)]
    public string Failed { get; set; } = "failed";

    [RegularExpression(ContainerName, ErrorMessage = ContainerNameMessage)]
    public string State { get; set; } = "state";

    public IEnumerable<(StoreArea Area, string Name)> All =>
    [
        (StoreArea.Inbox, Inbox),
        (StoreArea.Published, Published),
        (StoreArea.Quarantine, Quarantine),
        (StoreArea.Failed, Failed),
        (StoreArea.State, State),
    ];

    public string NameOf(StoreArea area) => area switch
    {
        StoreArea.Inbox => Inbox,
        StoreArea.Published => Published,
        StoreArea.Quarantine => Quarantine,
        StoreArea.Failed => Failed,
        StoreArea.State => State,
        _ => throw new ArgumentOutOfRangeException(nameof(area), area, "unknown storage area"),
    };
}
