import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * Every text the IoT plugin shows. English is the default; other languages
 * are registered as translation resources (see `translations/`).
 *
 * @public
 */
export const iotTranslationRef = createTranslationRef({
  id: 'iot',
  messages: {
    appCard: {
      title: 'IoT app',
      edit: 'Edit app',
      delete: 'Delete app',
      specsTitle: 'Specs',
      noSpecs:
        'No specs yet — add a spec to choose where this app deploys and which images it runs. An app needs at least one spec before it can be submitted for review.',
    },
    specCard: {
      title: 'IoT spec',
      imagesTitle: 'Images',
      noImages:
        'No images yet — add the images this spec deploys in its dependency editor.',
    },
    imageCard: {
      title: 'IoT image',
      versionsTitle: 'Versions',
      noVersions:
        'No versions yet — upload a version of this image so that specs can use it.',
      usedByTitle: 'Used by',
      notUsed:
        'No spec uses this image yet — add it to a spec in the dependency editor.',
    },
    fields: {
      owner: 'Owner',
      description: 'Description',
      industry: 'Industry',
      scenario: 'Scenario',
      reviewStatus: 'Review status',
      app: 'App',
      type: 'Type',
      deployLocation: 'Deploy location',
      trial: '7-day trial',
      imageKind: 'Image kind',
      latestVersion: 'Latest version',
      totalSize: 'Total size',
      lastUpload: 'Last upload',
      name: 'Name',
      image: 'Image',
      version: 'Version',
      status: 'Status',
      size: 'Size',
      uploadedAt: 'Uploaded at',
      sha256: 'SHA-256',
      spec: 'Spec',
      lastUpdate: 'Last update',
      usedBy: 'Used by',
      actions: 'Actions',
      specCount: 'Specs',
      imagesUsed: 'Images used',
      catalogEntity: 'Catalog entity',
    },
    appsPage: {
      listTitle: 'Your apps',
      newApp: 'New app',
      createNotAllowed:
        'Creating apps is for members of an ISV group. Sign in as an ISV (e.g. alice) to create one; reviewers can still see every app here.',
      searchLabel: 'Search by name',
      allStatuses: 'All',
      empty:
        'No apps yet — create your first app with "New app": give it a name, an industry and a scenario, then add its specs on the app\'s page.',
      emptyReadOnly:
        'No apps to show yet. Apps appear here once an ISV group creates them.',
      noMatch:
        'No apps match these filters — clear the search or pick another review status.',
      loadFailed: 'Could not load your apps: {{message}}',
      loadMore: 'Load more',
      notYetListed:
        '{{name}} was created, but the catalog has not listed it yet. Its page opens from the list in a moment.',
      openApp: 'Open the app page',
    },
    appForm: {
      createTitle: 'New app',
      editTitle: 'Edit app',
      chooseIndustry: 'Choose an industry',
      chooseScenario: 'Choose a scenario',
      chooseIndustryFirst: 'Choose an industry first',
      loadingTaxonomy: 'Loading industries…',
      taxonomyFailed: 'Could not load the industries: {{message}}',
      publishing: 'Publishing to the catalog…',
      createFailed: 'Could not create the app',
      saveFailed: 'Could not save the app',
    },
    deleteApp: {
      title: 'Delete app',
      body: 'Delete the app {{name}} and its specs? This cannot be undone.',
      failed: 'Could not delete the app',
    },
    specsTab: {
      title: 'Specs of {{app}}',
      listLabel: 'Specs',
      newSpec: 'New spec',
      importSpec: 'Import spec',
      readOnly:
        "Only members of the app's owner group can add, change or delete its specs.",
      empty:
        'No specs yet — add one with "New spec" (type, deploy location, name, description), or import a spec exported from another app with "Import spec".',
      emptyReadOnly: 'This app has no specs yet.',
      loadFailed: 'Could not load the specs: {{message}}',
      imported: 'Imported {{name}}.',
      updated: 'Saved {{name}}.',
      deleted: 'Deleted {{name}}.',
    },
    specActions: {
      edit: 'Edit',
      copy: 'Copy',
      export: 'Export',
      delete: 'Delete',
      editSpec: 'Edit {{name}}',
      copySpec: 'Copy {{name}}',
      exportSpec: 'Export {{name}}',
      deleteSpec: 'Delete {{name}}',
      exportFailed: 'Could not export {{name}}',
    },
    specForm: {
      createTitle: 'New spec',
      editTitle: 'Edit spec',
      chooseType: 'Choose a type',
      chooseDeployLocation: 'Choose a deploy location',
      allowTrial: 'Allow 7-day trial',
      createFailed: 'Could not create the spec',
      saveFailed: 'Could not save the spec',
    },
    copyDialog: {
      title: 'Copy spec',
      body: 'Copy {{name}}, dependency graph included, into a new spec of the same app.',
      nameLabel: 'Name of the copy',
      suggestedName: '{{name}} (copy)',
      copy: 'Copy',
      failed: 'Could not copy the spec',
    },
    deleteSpec: {
      title: 'Delete spec',
      body: 'Delete the spec {{name}}? This cannot be undone.',
      failed: 'Could not delete the spec',
    },
    importDialog: {
      title: 'Import spec',
      intro:
        'Import a spec archive made with "Export" (from this or another app); the new spec joins {{app}}.',
      zoneLabel: 'Drop a spec archive to import it',
      dropHint: 'Drag a spec .zip here, or',
      chooseFile: 'Choose file',
      inputLabel: 'Choose spec archive',
      rule: 'A .zip exported from a spec, at most 500 KB',
      notZip:
        'Spec archives are .zip files made with "Export"; got \'{{fileName}}\'',
      tooBig: "Spec archives can be at most 500 KB; '{{fileName}}' is {{size}}",
      oneFile: 'Drop one spec archive at a time; got {{files}} files',
      importing: 'Importing {{fileName}}… {{percent}}%',
      progressLabel: 'Import progress',
      cancel: 'Cancel import',
      refusedTitle: '{{fileName}} cannot be imported',
      failedTitle: 'The portal refused {{fileName}}',
    },
    specPage: {
      loadFailed: 'Could not load the spec: {{message}}',
      readOnly:
        "Only members of the app's owner group can change or delete this spec.",
      updated: 'Saved {{name}}.',
      editorTitle: 'Dependency editor',
      editorComing:
        'The dependency editor of this spec — the cloud resources and images it deploys and how they depend on each other — comes to this page next.',
    },
    forms: {
      counter: '{{used}}/{{max}}',
      required: 'Required',
      tooLong: 'At most {{max}} characters',
      controlCharacters: 'Must not contain control characters',
    },
    dialogs: {
      cancel: 'Cancel',
      close: 'Close',
      create: 'Create',
      save: 'Save',
      delete: 'Delete',
      retry: 'Retry',
    },
    imagesPage: {
      uploadTitle: 'Upload an image',
      listTitle: 'Your images',
      uploadNotAllowed:
        'Uploading images is for members of an ISV group. Sign in as an ISV (e.g. alice) to upload; reviewers can still browse every image here.',
    },
    upload: {
      zoneLabel: 'Drop an image file to upload it',
      dropHint: 'Drag an image file here, or',
      chooseFile: 'Choose file',
      inputLabel: 'Choose image file',
      ruleDocker:
        'Docker image: docker_{name}_{version}.tar or .tar.gz, as written by docker save',
      ruleVm:
        'VM image: vm_{name}_{version}.qcow2, .vmdk, .vhd, .img, .raw or .iso',
      ruleSize: 'At most 2 GB, decompressed content included',
      badName:
        "Image file name must look like docker_{name}_{version}.tar.gz (or .tar) or vm_{name}_{version}.qcow2 (or .vmdk, .vhd, .img, .raw, .iso); got '{{fileName}}'",
      tooBig:
        "Image files can be at most 2 GB, decompressed content included; '{{fileName}}' is {{size}}",
      oneFile: 'Drop one image file at a time; got {{files}} files',
      uploading: 'Uploading {{fileName}}',
      progressLabel: 'Upload progress',
      sent: '{{sent}} of {{total}}',
      speed: '{{speed}}/s',
      timeLeft: '{{time}} left',
      checking: 'All bytes sent — the portal is checking the image…',
      cancel: 'Cancel upload',
      cancelled: 'The upload of {{fileName}} was cancelled.',
      succeeded: 'Uploaded {{name}} version {{version}} ({{size}}).',
      failedTitle: 'The portal refused {{fileName}}',
      refusedTitle: '{{fileName}} cannot be uploaded',
    },
    imageList: {
      searchLabel: 'Search by name',
      statusLabel: 'Upload status',
      allStatuses: 'All',
      empty:
        'No images yet — upload a docker_{name}_{version}.tar.gz or a VM image to get started',
      noMatch:
        'No images match these filters — clear the search or pick another status.',
      loadFailed: 'Could not load your images: {{message}}',
      retry: 'Retry',
      loadMore: 'Load more',
      showVersions: 'Show versions of {{name}}',
      versionsOf: 'Versions of {{name}}',
      notUsed: 'Not used',
      deleteVersion: 'Delete version {{version}} of {{name}}',
      deleted: 'Deleted version {{version}} of {{name}}.',
    },
    deleteDialog: {
      title: 'Delete image version',
      body: 'Delete version {{version}} of {{name}}? This cannot be undone.',
      cancel: 'Cancel',
      confirm: 'Delete',
      failed: 'Could not delete the version',
    },
    duration: {
      seconds: '{{seconds}} s',
      minutes: '{{minutes}} min {{seconds}} s',
      hours: '{{hours}} h {{minutes}} min',
    },
    values: {
      yes: 'Yes',
      no: 'No',
      none: 'None',
      loadFailed: 'Could not load from the catalog: {{message}}',
    },
    reviewStatus: {
      draft: 'Draft',
      'in-review': 'In review',
      approved: 'Approved',
      rejected: 'Rejected',
      unlisted: 'Unlisted',
    },
    uploadStatus: {
      uploading: 'Uploading',
      succeeded: 'Succeeded',
      failed: 'Failed',
    },
    specType: {
      general: 'General',
      custom: 'Custom',
      experience: 'Experience',
    },
    deployLocation: {
      'public-cloud': 'Public cloud',
      'edge-site': 'Edge site',
      'private-cloud': 'Private cloud',
    },
    imageKind: {
      docker: 'Docker',
      vm: 'VM',
    },
  },
});
