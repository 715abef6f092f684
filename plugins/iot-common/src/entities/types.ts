import type { Entity } from '@backstage/catalog-model';
import type {
  DeployLocation,
  IMAGE_KINDS,
  ImageUploadStatus,
  SpecType,
} from './constants';

/** An IoT application of an ISV (APP-5). */
export interface IotAppEntity extends Entity {
  apiVersion: 'iot.portal/v1alpha1';
  kind: 'IotApp';
  spec: {
    /** Entity ref of the owning ISV group. */
    owner: string;
    /** Industry, e.g. "smart-city" (APP-1). */
    industry: string;
    /** Scenario within the industry, e.g. "street-lighting" (APP-1). */
    scenario: string;
    /**
     * Entity refs of the specs on the marketplace (REV-2), present while the
     * app is listed (review status `approved`).
     */
    listedSpecs?: string[];
  };
}

/**
 * Image a spec uses: which image and which version. A type alias, not an
 * interface, so that it stays assignable to the catalog's JsonObject.
 */
export type IotSpecImageRef = {
  /** Entity ref of the IotImage, e.g. "iotimage:default/acme-gateway". */
  image: string;
  version: string;
};

/** A deployment spec of an app (SPEC-10). */
export interface IotSpecEntity extends Entity {
  apiVersion: 'iot.portal/v1alpha1';
  kind: 'IotSpec';
  spec: {
    owner: string;
    /** Entity ref of the IotApp this spec belongs to. */
    app: string;
    type: SpecType;
    deployLocation: DeployLocation;
    /** Whether SIs may start a 7-day trial of this spec. */
    allowTrial: boolean;
    /** Images the spec's dependency graph deploys. */
    images?: IotSpecImageRef[];
  };
}

/** One uploaded version of an image (IMG-3); a type alias like IotSpecImageRef. */
export type IotImageVersion = {
  version: string;
  status: ImageUploadStatus;
  sizeBytes: number;
  /** ISO 8601 time of the upload. */
  uploadedAt: string;
  sha256?: string;
};

/** A Docker or VM image of an ISV (IMG-6). */
export interface IotImageEntity extends Entity {
  apiVersion: 'iot.portal/v1alpha1';
  kind: 'IotImage';
  spec: {
    owner: string;
    imageKind: (typeof IMAGE_KINDS)[number];
    versions: IotImageVersion[];
  };
}

/** Any entity of the IoT portal's kinds. */
export type IotEntity = IotAppEntity | IotSpecEntity | IotImageEntity;
