global using SiteResource = Skupper.Cli.Sdk.Models.Site;
